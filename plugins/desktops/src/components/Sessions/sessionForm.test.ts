import { Settings } from 'luxon';
import { checkSessionForm, newSessionForm, weekdayOf } from './sessionForm';

const realNow = Settings.now;
afterEach(() => {
  Settings.now = realNow;
});

describe('sessionForm', () => {
  it("starts a new session today in the course's zone, with the default minutes", () => {
    // Already 30 November in Berlin, still the 29th in New York.
    Settings.now = () => Date.parse('2026-11-29T23:30:00Z');
    expect(newSessionForm('Europe/Berlin')).toMatchObject({
      kind: 'once',
      startDate: '2026-11-30',
      startTime: '09:00',
      warmUpMinutes: '10',
      afterEndMinutes: '15',
    });
    expect(newSessionForm('America/New_York').startDate).toBe('2026-11-29');
  });

  it('builds the request, without weekdays or last date for a one-off', () => {
    const check = checkSessionForm({
      ...newSessionForm('UTC'),
      title: ' Lab ',
      startDate: '2026-12-01',
      weekdays: [2],
      untilDate: '2026-12-18',
    });
    expect(check).toEqual({
      ok: true,
      request: {
        title: 'Lab',
        kind: 'once',
        startDate: '2026-12-01',
        startTime: '09:00',
        durationMinutes: 90,
        weekdays: [],
        untilDate: null,
        warmUpMinutes: 10,
        afterEndMinutes: 15,
      },
    });
  });

  it("puts the API schema's messages on their fields", () => {
    const check = checkSessionForm({
      ...newSessionForm('UTC'),
      title: '',
      startTime: '9 am',
      durationMinutes: '',
      warmUpMinutes: '500',
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual({
      title: 'Give the session a title',
      startTime: 'Times are written HH:mm (24-hour), for example 09:00',
      durationMinutes:
        'The duration is a whole number of minutes from 5 to 720',
      warmUpMinutes: 'Warm-up is a whole number of minutes from 0 to 120',
    });
  });

  it('puts the weekly rules on the weekdays and the last date', () => {
    const weekly = {
      ...newSessionForm('UTC'),
      title: 'Lab',
      kind: 'weekly' as const,
      startDate: '2026-12-01',
    };
    const noDays = checkSessionForm({ ...weekly, weekdays: [] });
    expect(noDays.ok === false && noDays.errors.weekdays).toBe(
      'A weekly session meets on at least one weekday',
    );
    const endsEarly = checkSessionForm({
      ...weekly,
      weekdays: [2],
      untilDate: '2026-11-01',
    });
    expect(endsEarly.ok === false && endsEarly.errors.untilDate).toBe(
      'The last date of a weekly session is on or after its start date',
    );
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-12-01')).toBe(2);
    expect(weekdayOf('')).toBeUndefined();
  });
});
