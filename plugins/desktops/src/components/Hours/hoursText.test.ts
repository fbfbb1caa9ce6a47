import { hoursText, usedPercent, weekText } from './hoursText';

const usage = {
  courseId: 'c1',
  weekStart: '2026-11-30',
  usedSeconds: 0,
  budgetSeconds: 0,
  extraSeconds: 0,
  state: 'exhausted' as const,
};

describe('hours wording', () => {
  it('rounds used time down, so the meter never shows the limit early', () => {
    expect(hoursText(23_400, 'down')).toBe('6.5');
    expect(hoursText(20 * 3600 - 1, 'down')).toBe('19.9');
    expect(hoursText(20 * 3600 - 1, 'nearest')).toBe('20');
    expect(hoursText(0, 'down')).toBe('0');
  });

  it('fills the bar for an allowance of 0 hours (only during class)', () => {
    expect(usedPercent(usage)).toBe(100);
    expect(
      usedPercent({ ...usage, budgetSeconds: 3600, extraSeconds: 3600 }),
    ).toBe(0);
    expect(usedPercent({ ...usage, budgetSeconds: null })).toBe(0);
  });

  it("names the course week's Monday and when it resets", () => {
    expect(weekText('2026-11-30')).toMatch(
      /^Week of .+ · resets Mon 00:00 \(course time\)$/,
    );
    expect(weekText('not a date')).toBe('resets Mon 00:00 (course time)');
  });
});
