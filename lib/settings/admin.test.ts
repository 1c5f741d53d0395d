import { describe, expect, it } from 'vitest';
import { prioritySettingsSchema } from './admin';

const valid = { halfLifeDays: '28', bandwidthMetres: '200', reporterWindowDays: '30', trendDays: '28', minSupport: '3', minZ: '1,96', fdrAlpha: '0.05' };

describe('the priority parameters form', () => {
  it('asks for a whole number where the parameter is one, and for a number where a fraction is fine', () => {
    const parsed = prioritySettingsSchema.safeParse({ ...valid, reporterWindowDays: '1,5', minSupport: '2.5', minZ: 'viel' });
    expect(parsed.success).toBe(false);
    const codes = Object.fromEntries(parsed.error!.issues.map((issue) => [issue.path[0], issue.message]));
    expect(codes).toEqual({ reporterWindowDays: 'whole_number_invalid', minSupport: 'whole_number_invalid', minZ: 'number_invalid' });
    expect(prioritySettingsSchema.parse(valid)).toMatchObject({ minSupport: 3, minZ: 1.96 });
  });
});
