import { getTranslations } from 'next-intl/server';
import { TrackFormFields } from './track-form-fields';

/** Look up a report by its reference (`refPrefix`-XXXXXX); the text is translated here, on the server. */
export async function TrackForm({ refPrefix }: { refPrefix: string }) {
  const t = await getTranslations('track');
  const example = `${refPrefix}-7K2Q9M`;
  return (
    <TrackFormFields
      text={{ label: t('formLabel'), hint: t('formHint', { example }), submit: t('formSubmit'), invalid: t('formInvalid', { example }) }}
    />
  );
}
