import { DateTime } from 'luxon';
import {
  nextOccurrence,
  occurrenceInWindow,
  occurrencesBetween,
  SessionSchedule,
} from './occurrences';

function session(overrides: Partial<SessionSchedule>): SessionSchedule {
  return {
    id: 'session-1',
    courseId: 'cs101',
    title: 'Lab',
    kind: 'once',
    startDate: '2026-09-14',
    startTime: '09:00',
    durationMinutes: 90,
    weekdays: [],
    untilDate: null,
    warmUpMinutes: 10,
    afterEndMinutes: 15,
    cancelledDates: [],
    ...overrides,
  };
}

const starts = (list: Array<{ start: string }>) => list.map(o => o.start);

describe('class session occurrences', () => {
  describe('a one-off session', () => {
    const once = session({ kind: 'once' });

    it('meets once, with its warm-up and stop times', () => {
      expect(
        occurrencesBetween(
          once,
          'Europe/Berlin',
          '2026-09-01T00:00:00Z',
          '2026-10-01T00:00:00Z',
        ),
      ).toEqual([
        {
          sessionId: 'session-1',
          courseId: 'cs101',
          title: 'Lab',
          date: '2026-09-14',
          // 09:00 CEST
          start: '2026-09-14T07:00:00.000Z',
          end: '2026-09-14T08:30:00.000Z',
          warmUpAt: '2026-09-14T06:50:00.000Z',
          stopAt: '2026-09-14T08:45:00.000Z',
        },
      ]);
      expect(
        occurrencesBetween(
          once,
          'Europe/Berlin',
          '2026-09-15T00:00:00Z',
          '2027-09-15T00:00:00Z',
        ),
      ).toEqual([]);
    });

    it('is next until it starts, and then nothing is', () => {
      expect(
        nextOccurrence(once, 'Europe/Berlin', '2026-01-01T00:00:00Z')?.start,
      ).toBe('2026-09-14T07:00:00.000Z');
      expect(
        nextOccurrence(once, 'Europe/Berlin', '2026-09-14T06:59:59.999Z')
          ?.start,
      ).toBe('2026-09-14T07:00:00.000Z');
      expect(
        nextOccurrence(once, 'Europe/Berlin', '2026-09-14T07:00:00.000Z'),
      ).toBeUndefined();
    });
  });

  describe('a weekly session', () => {
    // Mondays and Wednesdays at 10:00 in New York, from Monday 14 September.
    const weekly = session({
      kind: 'weekly',
      startDate: '2026-09-14',
      startTime: '10:00',
      weekdays: [1, 3],
    });
    const zone = 'America/New_York';

    it('meets on each chosen weekday, week after week', () => {
      const found = occurrencesBetween(
        weekly,
        zone,
        '2026-09-01T00:00:00Z',
        '2026-10-03T00:00:00Z',
      );
      expect(found.map(o => o.date)).toEqual([
        '2026-09-14',
        '2026-09-16',
        '2026-09-21',
        '2026-09-23',
        '2026-09-28',
        '2026-09-30',
      ]);
      // 10:00 EDT
      expect(found.every(o => o.start.endsWith('T14:00:00.000Z'))).toBe(true);
    });

    it('starts on the first chosen weekday on or after its start date', () => {
      const fromThursday = { ...weekly, startDate: '2026-09-17' };
      expect(
        nextOccurrence(fromThursday, zone, '2026-01-01T00:00:00Z')?.date,
      ).toBe('2026-09-21');
    });

    it('leaves out cancelled dates, in lists, next and windows', () => {
      const cancelled = { ...weekly, cancelledDates: ['2026-09-16'] };
      expect(
        occurrencesBetween(
          cancelled,
          zone,
          '2026-09-14T00:00:00Z',
          '2026-09-22T00:00:00Z',
        ).map(o => o.date),
      ).toEqual(['2026-09-14', '2026-09-21']);
      expect(
        nextOccurrence(cancelled, zone, '2026-09-14T15:00:00Z')?.date,
      ).toBe('2026-09-21');
      // 10:00 EDT on the cancelled Wednesday: no class in its window.
      expect(
        occurrenceInWindow(cancelled, zone, '2026-09-16T14:00:00Z'),
      ).toBeUndefined();
      expect(
        occurrenceInWindow(weekly, zone, '2026-09-16T14:00:00Z')?.date,
      ).toBe('2026-09-16');
    });

    it('meets on its last date, and not after', () => {
      const until = { ...weekly, untilDate: '2026-09-28' };
      expect(
        occurrencesBetween(
          until,
          zone,
          '2026-09-01T00:00:00Z',
          '2027-01-01T00:00:00Z',
        )
          .map(o => o.date)
          .slice(-2),
      ).toEqual(['2026-09-23', '2026-09-28']);
      expect(nextOccurrence(until, zone, '2026-09-28T13:59:59Z')?.date).toBe(
        '2026-09-28',
      );
      expect(nextOccurrence(until, zone, '2026-09-28T14:00:00Z')).toBe(
        undefined,
      );
    });

    it('meets on no day without weekdays (refused by the schemas)', () => {
      const none = { ...weekly, weekdays: [] };
      expect(nextOccurrence(none, zone, '2026-01-01T00:00:00Z')).toBe(
        undefined,
      );
    });
  });

  describe('across DST changes, 09:00 local every Sunday of 2026 and 2027', () => {
    const sundays = session({
      kind: 'weekly',
      startDate: '2026-01-01',
      startTime: '09:00',
      weekdays: [7],
      untilDate: '2027-12-31',
    });

    // The Sundays before, of and after each change (the change is at
    // night, so 09:00 on the day itself has the new offset).
    it.each([
      [
        'Europe/Berlin',
        '2026-03-22',
        [
          '2026-03-22T08:00:00.000Z',
          '2026-03-29T07:00:00.000Z',
          '2026-04-05T07:00:00.000Z',
        ],
      ],
      [
        'Europe/Berlin',
        '2026-10-18',
        [
          '2026-10-18T07:00:00.000Z',
          '2026-10-25T08:00:00.000Z',
          '2026-11-01T08:00:00.000Z',
        ],
      ],
      [
        'Europe/Berlin',
        '2027-03-21',
        [
          '2027-03-21T08:00:00.000Z',
          '2027-03-28T07:00:00.000Z',
          '2027-04-04T07:00:00.000Z',
        ],
      ],
      [
        'Europe/Berlin',
        '2027-10-24',
        [
          '2027-10-24T07:00:00.000Z',
          '2027-10-31T08:00:00.000Z',
          '2027-11-07T08:00:00.000Z',
        ],
      ],
      [
        'America/New_York',
        '2026-03-01',
        [
          '2026-03-01T14:00:00.000Z',
          '2026-03-08T13:00:00.000Z',
          '2026-03-15T13:00:00.000Z',
        ],
      ],
      [
        'America/New_York',
        '2026-10-25',
        [
          '2026-10-25T13:00:00.000Z',
          '2026-11-01T14:00:00.000Z',
          '2026-11-08T14:00:00.000Z',
        ],
      ],
      [
        'America/New_York',
        '2027-03-07',
        [
          '2027-03-07T14:00:00.000Z',
          '2027-03-14T13:00:00.000Z',
          '2027-03-21T13:00:00.000Z',
        ],
      ],
      [
        'America/New_York',
        '2027-10-31',
        [
          '2027-10-31T13:00:00.000Z',
          '2027-11-07T14:00:00.000Z',
          '2027-11-14T14:00:00.000Z',
        ],
      ],
    ])('%s from %s', (zone, firstSunday, expected) => {
      const from = DateTime.fromISO(firstSunday, { zone: 'utc' });
      expect(
        starts(
          occurrencesBetween(
            sundays,
            zone,
            from.toJSDate(),
            from.plus({ days: 15 }).toJSDate(),
          ),
        ),
      ).toEqual(expected);
    });

    it.each(['Europe/Berlin', 'America/New_York'])(
      'starts at 09:00 local on each of the 104 Sundays in %s',
      zone => {
        const all = occurrencesBetween(
          sundays,
          zone,
          '2025-12-01T00:00:00Z',
          '2028-02-01T00:00:00Z',
        );
        expect(all).toHaveLength(104);
        for (const o of all) {
          const local = DateTime.fromISO(o.start).setZone(zone);
          expect([local.toISODate(), local.toFormat('HH:mm')]).toEqual([
            o.date,
            '09:00',
          ]);
          // Elapsed minutes, whatever the offset did.
          expect(Date.parse(o.end) - Date.parse(o.start)).toBe(90 * 60_000);
        }
      },
    );
  });

  describe('local times DST makes odd', () => {
    it('moves a start in the spring-forward gap forward by the gap', () => {
      // Berlin skips 02:00-03:00 on 29 March 2026: 02:30 becomes 03:30 CEST.
      const gap = session({ startDate: '2026-03-29', startTime: '02:30' });
      expect(
        nextOccurrence(gap, 'Europe/Berlin', '2026-01-01T00:00:00Z'),
      ).toMatchObject({
        date: '2026-03-29',
        start: '2026-03-29T01:30:00.000Z',
      });
      // New York skips 02:00-03:00 on 8 March 2026: 02:30 becomes 03:30 EDT.
      const nyGap = session({ startDate: '2026-03-08', startTime: '02:30' });
      expect(
        nextOccurrence(nyGap, 'America/New_York', '2026-01-01T00:00:00Z')
          ?.start,
      ).toBe('2026-03-08T07:30:00.000Z');
    });

    it('takes the first of the two instants of a fall-back time', () => {
      // Berlin has 02:30 twice on 25 October 2026: CEST (00:30Z), then CET.
      const twice = session({ startDate: '2026-10-25', startTime: '02:30' });
      expect(
        nextOccurrence(twice, 'Europe/Berlin', '2026-01-01T00:00:00Z')?.start,
      ).toBe('2026-10-25T00:30:00.000Z');
      // New York has 01:30 twice on 1 November 2026: EDT (05:30Z), then EST.
      const nyTwice = session({ startDate: '2026-11-01', startTime: '01:30' });
      expect(
        nextOccurrence(nyTwice, 'America/New_York', '2026-01-01T00:00:00Z')
          ?.start,
      ).toBe('2026-11-01T05:30:00.000Z');
    });
  });

  describe('windows are half-open', () => {
    // 09:00-10:30 CEST = 07:00-08:30Z; warm-up from 06:50Z, stop at 08:45Z.
    const once = session({});
    const zone = 'Europe/Berlin';
    const between = (from: string, to: string, span?: 'class' | 'window') =>
      occurrencesBetween(once, zone, from, to, span).length;

    it('matches a class that overlaps [from, to), by start and end', () => {
      expect(between('2026-09-14T06:00:00Z', '2026-09-14T07:00:00Z')).toBe(0);
      expect(between('2026-09-14T06:00:00Z', '2026-09-14T07:00:00.001Z')).toBe(
        1,
      );
      expect(between('2026-09-14T08:29:59.999Z', '2026-09-14T09:00:00Z')).toBe(
        1,
      );
      expect(between('2026-09-14T08:30:00Z', '2026-09-14T09:00:00Z')).toBe(0);
      expect(between('2026-09-14T08:00:00Z', '2026-09-14T08:00:00Z')).toBe(0);
    });

    it('matches by warm-up and stop times when asked for the window', () => {
      expect(
        between('2026-09-14T06:00:00Z', '2026-09-14T06:50:00Z', 'window'),
      ).toBe(0);
      expect(
        between('2026-09-14T06:00:00Z', '2026-09-14T06:50:00.001Z', 'window'),
      ).toBe(1);
      expect(
        between('2026-09-14T08:44:59.999Z', '2026-09-14T09:00:00Z', 'window'),
      ).toBe(1);
      expect(
        between('2026-09-14T08:45:00Z', '2026-09-14T09:00:00Z', 'window'),
      ).toBe(0);
    });

    it('has a meeting in its window from warmUpAt until just before stopAt', () => {
      const at = (instant: string) =>
        occurrenceInWindow(once, zone, instant)?.start;
      expect(at('2026-09-14T06:49:59.999Z')).toBeUndefined();
      expect(at('2026-09-14T06:50:00.000Z')).toBe('2026-09-14T07:00:00.000Z');
      expect(at('2026-09-14T08:00:00.000Z')).toBe('2026-09-14T07:00:00.000Z');
      expect(at('2026-09-14T08:44:59.999Z')).toBe('2026-09-14T07:00:00.000Z');
      expect(at('2026-09-14T08:45:00.000Z')).toBeUndefined();
    });

    it('finds a window that began on the previous local day', () => {
      // 23:30 for 12 hours in Berlin: still in its window the next morning.
      const late = session({ startTime: '23:30', durationMinutes: 720 });
      expect(occurrenceInWindow(late, zone, '2026-09-15T09:00:00Z')?.date).toBe(
        '2026-09-14',
      );
    });

    it('reads instants from Dates, DateTimes and ISO strings alike', () => {
      const expected = '2026-09-14T07:00:00.000Z';
      expect(
        occurrenceInWindow(once, zone, new Date('2026-09-14T07:00:00Z'))?.start,
      ).toBe(expected);
      expect(
        occurrenceInWindow(
          once,
          zone,
          DateTime.fromISO('2026-09-14T09:00+02:00'),
        )?.start,
      ).toBe(expected);
      // No offset: UTC, not the server's zone.
      expect(occurrenceInWindow(once, zone, '2026-09-14T08:44:00')?.start).toBe(
        expected,
      );
    });
  });

  describe('clear errors', () => {
    it('refuses a zone that is not an IANA name', () => {
      for (const zone of ['Mars/Olympus', 'CEST', '']) {
        expect(() =>
          nextOccurrence(session({}), zone, '2026-01-01T00:00:00Z'),
        ).toThrow(
          `Unknown time zone ${JSON.stringify(
            zone,
          )}: sessions need an IANA time zone name such as "Europe/Berlin"`,
        );
      }
    });

    it('refuses an instant it cannot read', () => {
      expect(() =>
        occurrenceInWindow(session({}), 'Europe/Berlin', 'next Tuesday'),
      ).toThrow('The instant is not a valid instant: "next Tuesday"');
    });
  });
});
