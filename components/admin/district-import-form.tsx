'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useId, useRef } from 'react';
import { importDistrictsAction } from '@/app/[locale]/staff/admin/districts/actions';
import { idleState, type FormState } from '@/lib/admin/form-state';
import type { Messages } from '@/lib/i18n/messages';
import { ErrorSummary, ErrorValues, SavedNotice, SubmitButton, TextAreaField, TextField } from './form-fields';

type Problem = NonNullable<FormState['problems']>[number];
type ProblemCode = keyof Messages['admin']['districts']['problems']['codes'];

/** "Feature 3 (luenen-nord), ring 1, point 5: …" — where in the file, then what is wrong. */
function useProblemText() {
  const t = useTranslations('admin.districts.problems');
  return ({ code, params = {} }: Problem) => {
    const where = [
      params.feature !== undefined && (params.slug ? t('featureWithSlug', { feature: params.feature, slug: params.slug }) : t('feature', { feature: params.feature })),
      params.polygon !== undefined && t('polygon', { polygon: params.polygon }),
      params.ring !== undefined && t('ring', { ring: params.ring }),
      params.position !== undefined && t('position', { position: params.position }),
    ].filter(Boolean);
    const values = { detail: String(params.detail ?? ''), slug: String(params.slug ?? '') };
    const key = `codes.${code}` as `codes.${ProblemCode}`;
    const what = t.has(key) ? t(key, values) : t('codes.unknown');
    return where.length > 0 ? `${where.join(', ')}: ${what}` : what;
  };
}

/**
 * Upload a GeoJSON file or paste it; every problem is listed with the feature it belongs to.
 * `maxMb`: the size the server takes (lib/districts/import.ts), named in the hint and the error.
 */
export function DistrictImportForm({ maxMb }: { maxMb: number }) {
  const t = useTranslations('admin.districts');
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(importDistrictsAction, idleState);
  const id = useId();
  const problemText = useProblemText();
  const fields = state.fields ?? {};
  const problems = state.problems ?? [];
  // The server does not send the pasted text back (it may be megabytes), and React resets the form
  // after its action: after a refused import, put back what was pasted, to be corrected.
  const pasted = useRef('');
  useEffect(() => {
    const field = document.getElementById(`${id}-geojson`) as HTMLTextAreaElement | null;
    if (state.status === 'invalid' && field) field.value = pasted.current;
  }, [state, id]);
  return (
    <ErrorValues value={{ maxMb }}>
      <form
        action={action}
        onSubmit={(event) => {
          pasted.current = String(new FormData(event.currentTarget).get('geojson') ?? '');
        }}
        noValidate
        className="admin-form"
        aria-labelledby="district-import"
      >
        <ErrorSummary
          state={state}
          idPrefix={id}
          labels={{ file: t('file'), geojson: t('geojson') }}
          extra={
            problems.length > 0 && (
              <>
                <p>{t('problemsIntro', { count: problems.length })}</p>
                <ol className="problem-list">
                  {problems.map((problem, index) => (
                    <li key={index}>{problemText(problem)}</li>
                  ))}
                </ol>
              </>
            )
          }
        />
        {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code, state.notice.params)}</SavedNotice>}
        <TextField
          idPrefix={id}
          name="file"
          type="file"
          label={t('file')}
          hint={t('fileHint', { maxMb })}
          accept=".geojson,.json,application/geo+json,application/json"
          error={fields.file}
        />
        <TextAreaField
          idPrefix={id}
          name="geojson"
          label={t('geojson')}
          hint={t('geojsonHint')}
          rows={8}
          spellCheck={false}
          className="code-input"
          error={fields.geojson}
        />
        <SubmitButton pendingLabel={t('importing')}>{t('importSubmit')}</SubmitButton>
      </form>
    </ErrorValues>
  );
}
