import { describe, expect, it } from 'vitest';
import { mayLogVisits } from './team';

describe('who may log a plan’s visits', () => {
  const plan = { team: [3, 7] };

  it('is the team, and those who may change reports anyway', () => {
    expect(mayLogVisits({ id: 3, roles: ['police'] }, plan)).toBe(true);
    expect(mayLogVisits({ id: 9, roles: ['triage'] }, plan)).toBe(true);
    expect(mayLogVisits({ id: 9, roles: ['admin'] }, plan)).toBe(true);
  });

  it('is not police outside the team', () => {
    expect(mayLogVisits({ id: 9, roles: ['police'] }, plan)).toBe(false);
    expect(mayLogVisits({ id: 9, roles: ['police', 'coordinator'] }, plan)).toBe(false);
  });
});
