import { DateTime, Interval } from 'luxon';
import { usedSeconds, weekStartDate, weekWindow } from './weeklyUsage';

const HOUR = 3600;
const berlin = 'Europe/Berlin';

/** An instant given as Berlin wall-clock time, as a stored UTC string. */
const local = (wallClock: string) =>
  DateTime.fromISO(wallClock, { zone: berlin }).toUTC().toISO()!;

const hoursOf = (window: Interval) => window.length('hours');

describe('weekWindow', () => {
  it('runs from Monday 00:00 to the next Monday 00:00 in the zone', () => {
    const window = weekWindow('2026-12-02T15:00:00.000Z', berlin); // a Wednesday
    expect(window.start!.toISO()).toBe('2026-11-30T00:00:00.000+01:00');
    expect(window.end!.toISO()).toBe('2026-12-07T00:00:00.000+01:00');
    expect(hoursOf(window)).toBe(168);
    expect(weekStartDate('2026-12-02T15:00:00.000Z', berlin)).toBe(
      '2026-11-30',
    );
  });

  it('puts an instant in the week of its local date, not its UTC date', () => {
    // Sunday 23:30 in Berlin is Sunday 22:30 UTC: still that week.
    expect(weekStartDate(local('2026-12-06T23:30'), berlin)).toBe('2026-11-30');
    // Monday 00:30 in Berlin is still Sunday in UTC: already the next week.
    const mondayMorning = local('2026-12-07T00:30');
    expect(mondayMorning).toBe('2026-12-06T23:30:00.000Z');
    expect(weekStartDate(mondayMorning, berlin)).toBe('2026-12-07');
    expect(weekStartDate(mondayMorning, 'UTC')).toBe('2026-11-30');
    // The start is in the week; the end is the next week's start.
    expect(weekStartDate(local('2026-12-07T00:00'), berlin)).toBe('2026-12-07');
  });

  it('is 167 hours in the week the clocks go forward and 169 when they go back', () => {
    const spring = weekWindow(local('2026-03-25T12:00'), berlin);
    expect(spring.start!.toISO()).toBe('2026-03-23T00:00:00.000+01:00');
    expect(spring.end!.toISO()).toBe('2026-03-30T00:00:00.000+02:00');
    expect(hoursOf(spring)).toBe(167);

    const autumn = weekWindow(local('2026-10-25T12:00'), berlin);
    expect(autumn.start!.toISO()).toBe('2026-10-19T00:00:00.000+02:00');
    expect(autumn.end!.toISO()).toBe('2026-10-26T00:00:00.000+01:00');
    expect(hoursOf(autumn)).toBe(169);
  });

  it('refuses an unknown zone and an invalid instant with a clear message', () => {
    expect(() =>
      weekWindow('2026-12-02T15:00:00.000Z', 'Mars/Olympus'),
    ).toThrow('Unknown time zone "Mars/Olympus"');
    expect(() => weekWindow('yesterday', berlin)).toThrow(
      /The time is not a valid instant \("yesterday"\)/,
    );
  });
});

describe('usedSeconds', () => {
  const week = weekWindow(local('2026-12-02T12:00'), berlin);
  const afterTheWeek = local('2026-12-10T00:00');

  it('clips intervals at both edges of the week', () => {
    const used = usedSeconds(
      [
        // Sunday 22:00 of the week before to Monday 01:00: 1 h in the week.
        {
          startedAt: local('2026-11-29T22:00'),
          endedAt: local('2026-11-30T01:00'),
        },
        // Wholly inside: 2 h.
        {
          startedAt: local('2026-12-02T09:00'),
          endedAt: local('2026-12-02T11:00'),
        },
        // Sunday 23:15 to Monday 02:00 of the next week: 45 min in the week.
        {
          startedAt: local('2026-12-06T23:15'),
          endedAt: local('2026-12-07T02:00'),
        },
        // Wholly outside.
        {
          startedAt: local('2026-12-08T09:00'),
          endedAt: local('2026-12-08T11:00'),
        },
      ],
      week,
      { now: afterTheWeek },
    );
    expect(used).toBe(3.75 * HOUR);
  });

  it('counts an open interval until now, and nothing of the future', () => {
    const open = { startedAt: local('2026-12-02T09:00'), endedAt: null };
    expect(usedSeconds([open], week, { now: local('2026-12-02T10:30') })).toBe(
      1.5 * HOUR,
    );
    // Now past the week: the open interval counts until the week's end.
    expect(usedSeconds([open], week, { now: afterTheWeek })).toBe(
      (4 * 24 + 15) * HOUR,
    );
    // Now before the week: nothing yet.
    expect(usedSeconds([open], week, { now: local('2026-11-29T12:00') })).toBe(
      0,
    );
    // Now before an open interval's start (a clock behind): nothing.
    expect(usedSeconds([open], week, { now: local('2026-12-02T08:00') })).toBe(
      0,
    );
  });

  it('keeps milliseconds exact', () => {
    expect(
      usedSeconds(
        [
          {
            startedAt: '2026-12-01T10:00:00.000Z',
            endedAt: '2026-12-01T10:00:01.250Z',
          },
        ],
        week,
        { now: afterTheWeek },
      ),
    ).toBe(1.25);
  });

  it('counts zero-length and reversed intervals as nothing', () => {
    const at = local('2026-12-02T09:00');
    expect(
      usedSeconds(
        [
          { startedAt: at, endedAt: at },
          { startedAt: local('2026-12-02T10:00'), endedAt: at },
          // Zero length at the week's very start and end.
          { startedAt: week.start!.toISO()!, endedAt: week.start!.toISO()! },
          { startedAt: week.end!.toISO()!, endedAt: week.end!.toISO()! },
        ],
        week,
        { now: afterTheWeek },
      ),
    ).toBe(0);
    expect(usedSeconds([], week, { now: afterTheWeek })).toBe(0);
  });

  it('counts overlapping run intervals once', () => {
    expect(
      usedSeconds(
        [
          {
            startedAt: local('2026-12-02T09:00'),
            endedAt: local('2026-12-02T11:00'),
          },
          {
            startedAt: local('2026-12-02T10:00'),
            endedAt: local('2026-12-02T12:00'),
          },
          {
            startedAt: local('2026-12-02T12:00'),
            endedAt: local('2026-12-02T12:30'),
          },
        ],
        week,
        { now: afterTheWeek },
      ),
    ).toBe(3.5 * HOUR);
  });

  describe('class time', () => {
    // Run 08:00-13:00 on Wednesday.
    const runs = [
      {
        startedAt: local('2026-12-02T08:00'),
        endedAt: local('2026-12-02T13:00'),
      },
    ];
    const classWindows = [
      // 09:00-10:30 and 10:00-11:00 overlap: together 09:00-11:00, 2 h.
      { start: local('2026-12-02T09:00'), end: local('2026-12-02T10:30') },
      { start: local('2026-12-02T10:00'), end: local('2026-12-02T11:00') },
      // Inside the first one: nothing more.
      { start: local('2026-12-02T09:15'), end: local('2026-12-02T09:45') },
      // 12:30-14:00: 30 min of it overlaps the run.
      { start: local('2026-12-02T12:30'), end: local('2026-12-02T14:00') },
      // Not while the desktop ran.
      { start: local('2026-12-03T09:00'), end: local('2026-12-03T11:00') },
    ];

    it('leaves class time out by default, each overlap once', () => {
      expect(usedSeconds(runs, week, { now: afterTheWeek, classWindows })).toBe(
        2.5 * HOUR,
      );
    });

    it('counts it when the course says class time counts', () => {
      expect(
        usedSeconds(runs, week, {
          now: afterTheWeek,
          classWindows,
          classTimeCounts: true,
        }),
      ).toBe(5 * HOUR);
    });

    it('accepts luxon DateTimes and ignores empty class windows', () => {
      const start = DateTime.fromISO(local('2026-12-02T09:00'));
      expect(
        usedSeconds(runs, week, {
          now: DateTime.fromISO(afterTheWeek),
          classWindows: [
            { start, end: start.plus({ hours: 1 }) },
            { start, end: start },
          ],
        }),
      ).toBe(4 * HOUR);
    });

    it('subtracts class time from an open interval only up to now', () => {
      expect(
        usedSeconds(
          [{ startedAt: local('2026-12-02T08:00'), endedAt: null }],
          week,
          { now: local('2026-12-02T10:00'), classWindows },
        ),
      ).toBe(1 * HOUR);
    });
  });

  it('counts a week across a DST change by the real elapsed time', () => {
    const autumn = weekWindow(local('2026-10-25T12:00'), berlin);
    // Saturday 22:00 to Sunday 06:00 local, over the 03:00 -> 02:00 change:
    // 8 wall-clock hours, 9 real ones.
    const overnight = {
      startedAt: local('2026-10-24T22:00'),
      endedAt: local('2026-10-25T06:00'),
    };
    expect(usedSeconds([overnight], autumn, { now: afterTheWeek })).toBe(
      9 * HOUR,
    );
    // Running all week (and beyond) uses all 169 hours of it.
    const allWeek = {
      startedAt: local('2026-10-18T12:00'),
      endedAt: local('2026-10-27T12:00'),
    };
    expect(usedSeconds([allWeek], autumn, { now: afterTheWeek })).toBe(
      169 * HOUR,
    );

    const spring = weekWindow(local('2026-03-25T12:00'), berlin);
    expect(
      usedSeconds(
        [
          {
            startedAt: local('2026-03-28T22:00'),
            endedAt: local('2026-03-29T06:00'),
          },
        ],
        spring,
        { now: afterTheWeek },
      ),
    ).toBe(7 * HOUR);
  });
});
