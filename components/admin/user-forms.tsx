'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useId } from 'react';
import { createUserAction, resetPasswordAction, setUserActiveAction, updateUserAction } from '@/app/[locale]/staff/admin/users/actions';
import { idleState, valueOf, type FormState } from '@/lib/admin/form-state';
import type { StaffRole } from '@/lib/auth/roles';
import { ChoiceGroup, ErrorSummary, ErrorValues, SavedNotice, SubmitButton, TextField } from './form-fields';

/** What the server passes down: the roles in their order and the password rules (lib/auth/), whose modules stay on the server. */
export type UserFormContext = { roles: readonly StaffRole[]; passwordLength: { min: number; max: number } };

function useRoleOptions(roles: readonly StaffRole[]) {
  const tRoles = useTranslations('staff.roles');
  const t = useTranslations('admin.users.roleHints');
  return roles.map((role) => ({ value: role, label: tRoles(role), hint: t(role) }));
}

function rolesOf(state: FormState, fallback: readonly StaffRole[]): readonly string[] {
  const submitted = state.values?.roles;
  return Array.isArray(submitted) ? submitted : fallback;
}

/** Name, e-mail, roles and how the new user signs in. */
export function NewUserForm({ oidcName, context }: { oidcName: string | null; context: UserFormContext }) {
  const t = useTranslations('admin.users');
  const [state, action] = useActionState(createUserAction, idleState);
  const id = useId();
  const roleOptions = useRoleOptions(context.roles);
  const fields = state.fields ?? {};
  const signIn = valueOf(state, 'signIn', 'password');
  return (
    <ErrorValues value={context.passwordLength}>
      <form action={action} noValidate className="admin-form">
        <ErrorSummary
          state={state}
          idPrefix={id}
          labels={{ name: t('name'), email: t('email'), roles: t('roles'), signIn: t('signInLegend'), password: t('initialPassword') }}
        />
        <TextField idPrefix={id} name="name" label={t('name')} autoComplete="off" defaultValue={valueOf(state, 'name')} error={fields.name} required />
        <TextField
          idPrefix={id}
          name="email"
          type="email"
          label={t('email')}
          hint={t('emailHint')}
          autoComplete="off"
          spellCheck={false}
          defaultValue={valueOf(state, 'email')}
          error={fields.email}
          required
        />
        <ChoiceGroup idPrefix={id} name="roles" type="checkbox" legend={t('roles')} hint={t('rolesHint')} options={roleOptions} checked={rolesOf(state, [])} error={fields.roles} />
        <ChoiceGroup
          idPrefix={id}
          name="signIn"
          type="radio"
          legend={t('signInLegend')}
          options={[
            { value: 'password', label: t('signInWithPassword') },
            { value: 'oidc', label: oidcName ? t('signInOidcOnly', { name: oidcName }) : t('signInOidcOnlyGeneric'), hint: oidcName ? undefined : t('oidcNotConfigured') },
          ]}
          checked={[signIn]}
          error={fields.signIn}
        />
        <TextField
          idPrefix={id}
          name="password"
          type="password"
          label={t('initialPassword')}
          hint={t('passwordHint', context.passwordLength)}
          autoComplete="new-password"
          error={fields.password}
        />
        <SubmitButton pendingLabel={t('saving')}>{t('createSubmit')}</SubmitButton>
      </form>
    </ErrorValues>
  );
}

/** Name and roles of an existing user. */
export function UserDetailsForm({ user, context }: { user: { id: number; name: string; roles: StaffRole[] }; context: UserFormContext }) {
  const t = useTranslations('admin.users');
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(updateUserAction, idleState);
  const id = useId();
  const roleOptions = useRoleOptions(context.roles);
  const fields = state.fields ?? {};
  return (
    <form action={action} noValidate className="admin-form">
      <input type="hidden" name="id" value={user.id} />
      <ErrorSummary state={state} idPrefix={id} labels={{ name: t('name'), roles: t('roles') }} />
      {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
      <TextField idPrefix={id} name="name" label={t('name')} autoComplete="off" defaultValue={valueOf(state, 'name', user.name)} error={fields.name} required />
      <ChoiceGroup idPrefix={id} name="roles" type="checkbox" legend={t('roles')} hint={t('rolesHint')} options={roleOptions} checked={rolesOf(state, user.roles)} error={fields.roles} />
      <SubmitButton pendingLabel={t('saving')}>{t('saveDetails')}</SubmitButton>
    </form>
  );
}

/** Deactivate (out at the next request) or reactivate. */
export function UserActiveForm({ user }: { user: { id: number; active: boolean } }) {
  const t = useTranslations('admin.users');
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(setUserActiveAction, idleState);
  const id = useId();
  return (
    <form action={action} className="admin-form">
      <input type="hidden" name="id" value={user.id} />
      <input type="hidden" name="active" value={user.active ? 'false' : 'true'} />
      <ErrorSummary state={state} idPrefix={id} labels={{}} />
      {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
      <p>{user.active ? t('deactivateExplained') : t('reactivateExplained')}</p>
      <SubmitButton pendingLabel={t('saving')} className={user.active ? 'button button--danger' : 'button'}>
        {user.active ? t('deactivate') : t('reactivate')}
      </SubmitButton>
    </form>
  );
}

/** A new password chosen by the admin, or none (sign-in by OIDC only). */
export function PasswordResetForm({
  user,
  oidcName,
  context,
}: {
  user: { id: number; hasPassword: boolean };
  oidcName: string | null;
  context: UserFormContext;
}) {
  const t = useTranslations('admin.users');
  const tNotice = useTranslations('admin.notices');
  const [state, action] = useActionState(resetPasswordAction, idleState);
  const id = useId();
  const fields = state.fields ?? {};
  return (
    <ErrorValues value={context.passwordLength}>
      <form action={action} noValidate className="admin-form">
        <input type="hidden" name="id" value={user.id} />
        <ErrorSummary state={state} idPrefix={id} labels={{ password: t('newPassword') }} />
        {state.status === 'saved' && state.notice && <SavedNotice answer={state}>{tNotice(state.notice.code)}</SavedNotice>}
        <p>{t('passwordExplained')}</p>
        <TextField
          idPrefix={id}
          name="password"
          type="password"
          label={t('newPassword')}
          hint={t('passwordHint', context.passwordLength)}
          autoComplete="new-password"
          error={fields.password}
        />
        <div className="actions">
          <SubmitButton pendingLabel={t('saving')}>{t('setPassword')}</SubmitButton>
          {user.hasPassword && oidcName && (
            <SubmitButton pendingLabel={t('saving')} className="button button--secondary" name="remove" value="1">
              {t('removePassword', { name: oidcName })}
            </SubmitButton>
          )}
        </div>
      </form>
    </ErrorValues>
  );
}
