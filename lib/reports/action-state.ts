import type { FormValues } from '@/lib/admin/form-state';
import type { ChangeErrorCode } from './update';

// What the inbox's server actions answer with (app/[locale]/staff/reports/actions.ts). Codes, not
// texts: the forms translate them. `at` makes each answer a new value, so the form moves the focus
// to its message again even when the same message comes twice.

export type ReportActionState = {
  status: 'idle' | 'saved' | 'conflict' | 'invalid' | 'not_found';
  fields?: Partial<Record<string, ChangeErrorCode>>;
  /** What the staff member typed, to put back into the form after a conflict or an error. */
  values?: Record<string, string>;
  /** The report's version after the change (saved) or found instead (conflict). */
  version?: number;
  at?: number;
};

export type BulkActionState = {
  status: 'idle' | 'done' | 'invalid';
  changed?: string[];
  skipped?: { ref: string; reason: 'not_found' | 'conflict' | ChangeErrorCode }[];
  /** `status_required`: the bulk form's status was left at "choose". */
  fields?: Partial<Record<string, ChangeErrorCode | 'status_required'>>;
  /** The form as submitted, `selected` (the ticked rows, "REF:version") as a list. */
  values?: FormValues;
  at?: number;
};

export const idleReportAction: ReportActionState = { status: 'idle' };
export const idleBulkAction: BulkActionState = { status: 'idle' };
