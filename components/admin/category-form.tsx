'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { createCategoryAction, updateCategoryAction } from '@/app/[locale]/staff/admin/categories/actions';
import { idleState, valueOf } from '@/lib/admin/form-state';
import type { Category } from '@/lib/db/schema';
import { categoryLimits } from '@/lib/categories/limits';
import { formatDecimal } from '@/lib/numbers';
import { CheckboxField, ErrorSummary, ErrorValues, SavedNotice, SubmitButton, TextAreaField, TextField } from './form-fields';

const languages = [
  { suffix: 'De', lang: 'de' },
  { suffix: 'En', lang: 'en' },
  { suffix: 'Tr', lang: 'tr' },
] as const;

/** A new category (with its slug) or an existing one (`category`): labels and descriptions per language, weight, order, active. */
export function CategoryForm({ category }: { category: Category | null }) {
  const t = useTranslations('admin.categories');
  // Named in the page's language ("Name (Turkish)" on an English page), not by their own names.
  const tLanguage = useTranslations('dialogueEditor.languages');
  const tNotice = useTranslations('admin.notices');
  const locale = useLocale();
  const [state, action] = useActionState(category ? updateCategoryAction : createCategoryAction, idleState);
  const id = useId();
  const fields = state.fields ?? {};
  const checkedActive = state.values ? state.values.active === 'on' : (category?.active ?? true);
  const labels: Record<string, string> = {
    ...(category ? {} : { slug: t('slug') }),
    ...Object.fromEntries(languages.map(({ suffix, lang }) => [`label${suffix}`, t('labelIn', { language: tLanguage(lang) })])),
    ...Object.fromEntries(languages.map(({ suffix, lang }) => [`description${suffix}`, t('descriptionIn', { language: tLanguage(lang) })])),
    weight: t('weight'),
    sortOrder: t('sortOrder'),
  };
  return (
    <ErrorValues value={categoryLimits}>
      <form action={action} noValidate className="admin-form">
        {category && <input type="hidden" name="slug" value={category.slug} />}
        <ErrorSummary state={state} idPrefix={id} labels={labels} />
        {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
        {!category && (
          <TextField
            idPrefix={id}
            name="slug"
            label={t('slug')}
            hint={t('slugHint')}
            spellCheck={false}
            autoCapitalize="none"
            defaultValue={valueOf(state, 'slug')}
            error={fields.slug}
            required
          />
        )}
        <fieldset className="field-group">
          <legend>{t('labels')}</legend>
          <p className="hint">{t('labelsHint')}</p>
          {languages.map(({ suffix, lang }) => (
            <TextField
              key={lang}
              idPrefix={id}
              name={`label${suffix}`}
              label={t('labelIn', { language: tLanguage(lang) })}
              lang={lang}
              defaultValue={valueOf(state, `label${suffix}`, category?.label[lang])}
              error={fields[`label${suffix}`]}
              required={lang === 'de'}
            />
          ))}
        </fieldset>
        <fieldset className="field-group">
          <legend>{t('descriptions')}</legend>
          <p className="hint">{t('descriptionsHint')}</p>
          {languages.map(({ suffix, lang }) => (
            <TextAreaField
              key={lang}
              idPrefix={id}
              name={`description${suffix}`}
              label={t('descriptionIn', { language: tLanguage(lang) })}
              lang={lang}
              rows={2}
              defaultValue={valueOf(state, `description${suffix}`, category?.description?.[lang])}
              error={fields[`description${suffix}`]}
            />
          ))}
        </fieldset>
        <TextField
          idPrefix={id}
          name="weight"
          label={t('weight')}
          hint={t('weightHint', categoryLimits)}
          inputMode="decimal"
          className="input--short"
          defaultValue={valueOf(state, 'weight', category ? formatDecimal(category.weight, locale) : '1')}
          error={fields.weight}
          required
        />
        <TextField
          idPrefix={id}
          name="sortOrder"
          label={t('sortOrder')}
          hint={t('sortOrderHint')}
          inputMode="numeric"
          className="input--short"
          defaultValue={valueOf(state, 'sortOrder', category?.sortOrder ?? 100)}
          error={fields.sortOrder}
        />
        <CheckboxField idPrefix={id} name="active" label={t('activeLabel')} hint={t('activeHint')} defaultChecked={checkedActive} />
        <SubmitButton pendingLabel={t('saving')}>{category ? t('save') : t('createSubmit')}</SubmitButton>
      </form>
    </ErrorValues>
  );
}
