'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { logVisitAction } from '@/app/[locale]/staff/patrols/actions';
import { ChoiceGroup, ErrorSummary, SubmitButton, TextAreaField, TextField } from '@/components/admin/form-fields';
import { idleState, valueOf, type FormState } from '@/lib/admin/form-state';
import { patrolFindings } from '@/lib/db/schema';
import { NOTE_MAX, type PlanErrorCode } from '@/lib/patrols/validation';

export type StopReport = { ref: string; version: number; label: string; next: { value: string; label: string }[] };

/**
 * The log of one stop's visit, folded away until used. After a failed submission it stays open,
 * with what the team typed and ticked, an error summary that takes the focus and each error at its
 * field.
 */
export function VisitLogForm({
  plan,
  stop,
  defaultVisitedAt,
  reports,
}: {
  plan: { id: number; version: number; locale: string };
  stop: { id: number; number: number; plannedAt: string };
  defaultVisitedAt: string;
  reports: StopReport[];
}) {
  const t = useTranslations('patrols.log');
  const te = useTranslations('patrols.errors');
  const [state, action] = useActionState<FormState, FormData>(logVisitAction, idleState);
  const idPrefix = `visit-${stop.id}`;
  const fields = state.fields ?? {};
  const message = (code: string) => (te.has(code as PlanErrorCode) ? te(code as PlanErrorCode) : te('invalid'));
  const findings = Array.isArray(state.values?.findings) ? state.values.findings : [];
  const title = t('stopOption', { n: stop.number, time: stop.plannedAt });
  const labels = { visitedAt: t('visitedAt'), findings: t('findings'), note: t('note'), moves: t('reports') };

  return (
    <details className="patrol-log-stop" open={state.status === 'invalid' || undefined}>
      <summary>{title}</summary>
      <form action={action} aria-label={title} noValidate>
        <input type="hidden" name="id" value={plan.id} />
        <input type="hidden" name="version" value={plan.version} />
        <input type="hidden" name="locale" value={plan.locale} />
        <input type="hidden" name="stopId" value={stop.id} />
        <ErrorSummary state={state} idPrefix={idPrefix} labels={labels} errorMessage={message} />
        <TextField
          idPrefix={idPrefix}
          name="visitedAt"
          label={labels.visitedAt}
          type="datetime-local"
          required
          defaultValue={valueOf(state, 'visitedAt', defaultVisitedAt)}
          error={fields.visitedAt}
          errorMessage={message}
        />
        <ChoiceGroup
          idPrefix={idPrefix}
          name="findings"
          legend={labels.findings}
          type="checkbox"
          options={patrolFindings.map((finding) => ({ value: finding, label: t(`finding.${finding}`) }))}
          checked={findings}
          error={fields.findings}
          errorMessage={message}
        />
        <TextAreaField
          idPrefix={idPrefix}
          name="note"
          label={labels.note}
          rows={3}
          maxLength={NOTE_MAX}
          defaultValue={valueOf(state, 'note')}
          error={fields.note}
          errorMessage={message}
        />
        <fieldset className="field-group" id={`${idPrefix}-moves`} tabIndex={-1} aria-describedby={`${idPrefix}-moves-hint${fields.moves ? ` ${idPrefix}-moves-error` : ''}`}>
          <legend>{labels.moves}</legend>
          <p id={`${idPrefix}-moves-hint`} className="hint">
            {t('reportsHint')}
          </p>
          {fields.moves && (
            <p id={`${idPrefix}-moves-error`} className="field-error">
              {message(fields.moves)}
            </p>
          )}
          {reports.length === 0 ? (
            <p>{t('noReports')}</p>
          ) : (
            reports.map((report) => {
              const chosen = valueOf(state, `report:${report.ref}`);
              return (
                <div className="form-field" key={report.ref}>
                  <label htmlFor={`${idPrefix}-report-${report.ref}`} className="label">
                    {report.label}
                  </label>
                  <input type="hidden" name={`reportVersion:${report.ref}`} value={report.version} />
                  {/* Keyed by its value: React sets a select's defaultValue only when it mounts. */}
                  <select key={chosen} id={`${idPrefix}-report-${report.ref}`} name={`report:${report.ref}`} defaultValue={chosen}>
                    <option value="">{t('keep')}</option>
                    {report.next.map((status) => (
                      <option key={status.value} value={status.value}>
                        {status.label}
                      </option>
                    ))}
                  </select>
                </div>
              );
            })
          )}
        </fieldset>
        <SubmitButton pendingLabel={t('submitting')}>{t('submit')}</SubmitButton>
      </form>
    </details>
  );
}
