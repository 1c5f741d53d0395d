'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { createPlanAction, type NewPlanState } from '@/app/[locale]/staff/patrols/actions';
import { fieldAria } from '@/components/field-aria';
import { FieldLink } from '@/components/field-link';
import type { PlanErrorCode } from '@/lib/patrols/validation';

export type TeamOption = { id: number; name: string; kind: 'city' | 'police' | 'both' };

/**
 * The new plan: shift, team, start point. An error summary takes the focus after a failed
 * submission and links to each field (WCAG 3.3.1, 3.3.3); every field keeps what was typed.
 */
export function NewPlanForm({ locale, team, startPoints, defaults }: { locale: string; team: TeamOption[]; startPoints: string[]; defaults: { date: string; from: string; to: string } }) {
  const t = useTranslations('patrols.new');
  const te = useTranslations('patrols.errors');
  const [state, action, pending] = useActionState<NewPlanState, FormData>(createPlanAction, { status: 'idle' });
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.status !== 'idle') summary.current?.focus();
  }, [state]);
  const fields = state.status === 'invalid' ? state.fields : {};
  const values = state.status === 'idle' ? { ...defaults, startPoint: '0', team: [] as string[] } : state.values;
  const value = (name: 'date' | 'from' | 'to' | 'startPoint') => String(values[name] ?? '');
  const chosen = Array.isArray(values.team) ? values.team : [];
  const message = (code: string) => (te.has(code as PlanErrorCode) ? te(code as PlanErrorCode) : te('invalid'));
  const labels: Record<string, string> = { date: t('date'), from: t('from'), to: t('to'), team: t('team'), startPoint: t('startPoint') };
  const error = (name: string) => fields[name];
  const described = (name: string, hint?: boolean) => [hint ? `plan-${name}-hint` : '', error(name) ? `plan-${name}-error` : ''].filter(Boolean).join(' ') || undefined;
  const kindLabel = (kind: TeamOption['kind']) => (kind === 'police' ? t('police') : kind === 'city' ? t('city') : `${t('city')}, ${t('police')}`);

  return (
    <form action={action} className="admin-form" noValidate>
      <input type="hidden" name="locale" value={locale} />
      {state.status !== 'idle' && (
        <div ref={summary} tabIndex={-1} className="error-summary" aria-labelledby="plan-summary">
          <p id="plan-summary">
            <strong>{t('errorSummary')}</strong>
          </p>
          <ul>
            {state.status === 'unavailable' ? (
              <li>{te('invalid')}</li>
            ) : (
              Object.entries(fields).map(([field, code]) => (
                <li key={field}>{field in labels ? <FieldLink target={`plan-${field}`}>{`${labels[field]}: ${message(code!)}`}</FieldLink> : message(code!)}</li>
              ))
            )}
          </ul>
        </div>
      )}
      {(['date', 'from', 'to'] as const).map((name) => (
        <div className="form-field" key={name}>
          <label htmlFor={`plan-${name}`} className="label">
            {labels[name]}
          </label>
          {name === 'to' && (
            <p id="plan-to-hint" className="hint">
              {t('toHint')}
            </p>
          )}
          {error(name) && (
            <p id={`plan-${name}-error`} className="field-error">
              {message(error(name)!)}
            </p>
          )}
          <input
            id={`plan-${name}`}
            name={name}
            type={name === 'date' ? 'date' : 'time'}
            defaultValue={value(name)}
            required
            aria-invalid={error(name) ? true : undefined}
            aria-describedby={described(name, name === 'to')}
          />
        </div>
      ))}
      {/* The error on each member, as the summary links to the first: screen readers often skip a fieldset's description. */}
      <fieldset className="field-group" aria-describedby="plan-team-hint">
        <legend>{t('team')}</legend>
        <p id="plan-team-hint" className="hint">
          {t('teamHint')}
        </p>
        {error('team') && (
          <p id="plan-team-error" className="field-error">
            {message(error('team')!)}
          </p>
        )}
        {team.map((member, index) => (
          <div className="choice" key={member.id}>
            <input
              type="checkbox"
              id={index === 0 ? 'plan-team' : `plan-team-${member.id}`}
              name="team"
              value={member.id}
              defaultChecked={chosen.includes(String(member.id))}
              {...fieldAria(error('team') && 'plan-team-error')}
            />
            <label htmlFor={index === 0 ? 'plan-team' : `plan-team-${member.id}`}>{`${member.name} (${kindLabel(member.kind)})`}</label>
          </div>
        ))}
      </fieldset>
      <div className="form-field">
        <label htmlFor="plan-startPoint" className="label">
          {t('startPoint')}
        </label>
        {error('startPoint') && (
          <p id="plan-startPoint-error" className="field-error">
            {message(error('startPoint')!)}
          </p>
        )}
        <select key={value('startPoint')} id="plan-startPoint" name="startPoint" defaultValue={value('startPoint')} aria-invalid={error('startPoint') ? true : undefined} aria-describedby={described('startPoint')}>
          {startPoints.map((name, index) => (
            <option key={name} value={index}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button" disabled={pending}>
        {t('submit')}
      </button>
    </form>
  );
}
