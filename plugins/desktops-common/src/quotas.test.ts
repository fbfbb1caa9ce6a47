import { unstorableTextMessage } from '@internal/backstage-plugin-labstage-common';
import {
  hourGrantRequestSchema,
  hourQuotaDefaultsRequestSchema,
  hourUsageState,
  setHourBudgetRequestSchema,
} from './quotas';

const HOUR = 3600;

describe('hourUsageState', () => {
  it('warns from 90% and is exhausted from 100% of budget plus extra', () => {
    const budget = 20 * HOUR;
    expect(hourUsageState(0, budget, 0)).toBe('ok');
    expect(hourUsageState(18 * HOUR - 1, budget, 0)).toBe('ok');
    expect(hourUsageState(18 * HOUR, budget, 0)).toBe('warning');
    expect(hourUsageState(20 * HOUR - 1, budget, 0)).toBe('warning');
    expect(hourUsageState(20 * HOUR, budget, 0)).toBe('exhausted');
    expect(hourUsageState(25 * HOUR, budget, 0)).toBe('exhausted');
    // A grant of 5 h: the edges move to 22.5 h and 25 h.
    expect(hourUsageState(20 * HOUR, budget, 5 * HOUR)).toBe('ok');
    expect(hourUsageState(22.5 * HOUR, budget, 5 * HOUR)).toBe('warning');
    expect(hourUsageState(25 * HOUR, budget, 5 * HOUR)).toBe('exhausted');
  });

  it('warns exactly at 90% where 0.9 * allowance would round past it', () => {
    expect(0.9 * 13).toBeGreaterThan(11.7);
    expect(hourUsageState(11.7, 13, 0)).toBe('warning');
  });

  it('is exhausted from the start with no hours at all', () => {
    expect(hourUsageState(0, 0, 0)).toBe('exhausted');
    expect(hourUsageState(0, 0, HOUR)).toBe('ok');
  });

  it('is always ok without a weekly limit', () => {
    expect(hourUsageState(0, null, 0)).toBe('ok');
    expect(hourUsageState(168 * HOUR, null, 0)).toBe('ok');
  });
});

describe('setHourBudgetRequestSchema', () => {
  it('takes 0 to 168 weekly hours, fractions included, and an optional class-time switch', () => {
    for (const weeklyHours of [0, 2.5, 20, 168]) {
      expect(setHourBudgetRequestSchema.parse({ weeklyHours })).toEqual({
        weeklyHours,
      });
    }
    expect(
      setHourBudgetRequestSchema.parse({
        weeklyHours: 10,
        classTimeCounts: true,
      }),
    ).toEqual({ weeklyHours: 10, classTimeCounts: true });
    expect(setHourBudgetRequestSchema.parse({ weeklyHours: null })).toEqual({
      weeklyHours: null,
    });
  });

  it.each([
    [{ weeklyHours: -1 }, 'Weekly hours cannot be negative'],
    [{ weeklyHours: 168.5 }, 'A week has at most 168 hours'],
    [{ weeklyHours: '20' }, 'Weekly hours must be a number or null'],
    [{ weeklyHours: Infinity }, 'Weekly hours must be a number or null'],
    [{}, 'Weekly hours must be a number or null'],
    [
      { weeklyHours: 5, classTimeCounts: 'yes' },
      'classTimeCounts is true or false',
    ],
    [{ weeklyHours: 5, extra: 1 }, 'Unrecognized key: "extra"'],
  ])('refuses %j', (body, message) => {
    const result = setHourBudgetRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(message);
  });
});

describe('hourQuotaDefaultsRequestSchema', () => {
  it('takes weekly hours or null (no limit) and the class-time switch', () => {
    for (const body of [
      { weeklyHours: 20, classTimeCounts: false },
      { weeklyHours: null, classTimeCounts: true },
    ]) {
      expect(hourQuotaDefaultsRequestSchema.parse(body)).toEqual(body);
    }
  });

  it.each([
    [{ weeklyHours: 20 }, 'classTimeCounts is true or false'],
    [{ classTimeCounts: false }, 'Weekly hours must be a number or null'],
    [
      { weeklyHours: 169, classTimeCounts: false },
      'A week has at most 168 hours',
    ],
    [
      { weeklyHours: 1, classTimeCounts: false, courseId: 'x' },
      'Unrecognized key: "courseId"',
    ],
  ])('refuses %j', (body, message) => {
    const result = hourQuotaDefaultsRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(message);
  });
});

describe('hourGrantRequestSchema', () => {
  const refMessage = 'Expected a user reference such as user:default/alice';

  it('takes a student ref (in lower case), up to 40 hours and a reason', () => {
    expect(
      hourGrantRequestSchema.parse({
        student: ' user:default/Alice ',
        extraHours: 1.5,
        reason: '  Project week\nand a resit  ',
      }),
    ).toEqual({
      student: 'user:default/alice',
      extraHours: 1.5,
      reason: 'Project week\nand a resit',
    });
    expect(
      hourGrantRequestSchema.parse({
        student: 'user:default/bob',
        extraHours: 40,
      }),
    ).toEqual({ student: 'user:default/bob', extraHours: 40 });
  });

  const bob = 'user:default/bob';
  it.each([
    ['a bare username', { student: 'bob', extraHours: 1 }, refMessage],
    ['a group', { student: 'group:default/cs101', extraHours: 1 }, refMessage],
    ['no student', { extraHours: 1 }, 'Name the student by user entity ref'],
    ['0 hours', { student: bob, extraHours: 0 }, 'Grant more than 0 hours'],
    [
      'negative hours',
      { student: bob, extraHours: -2 },
      'Grant more than 0 hours',
    ],
    [
      '40.5 hours',
      { student: bob, extraHours: 40.5 },
      'Grant at most 40 extra hours at a time',
    ],
    [
      'NaN hours',
      { student: bob, extraHours: NaN },
      'Extra hours must be a number',
    ],
    [
      'a reason of 501 characters',
      { student: bob, extraHours: 1, reason: 'x'.repeat(501) },
      'Reasons are at most 500 characters',
    ],
    [
      'a reason with NUL',
      { student: bob, extraHours: 1, reason: 'a\u0000b' },
      unstorableTextMessage('Reason'),
    ],
    [
      'an unknown key',
      { student: bob, extraHours: 1, week: '2026-11-30' },
      'Unrecognized key: "week"',
    ],
  ])('refuses %s', (_label, body, message) => {
    const result = hourGrantRequestSchema.safeParse(body);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map(i => i.message)).toContain(message);
  });
});
