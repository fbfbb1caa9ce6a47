import { Settings } from 'luxon';
import {
  meetingSpanText,
  meetingText,
  scheduleText,
  soonMeetingText,
  timeOfDay,
  warmUpText,
  weekdaysText,
} from './scheduleText';

const BERLIN = 'Europe/Berlin';
const realNow = Settings.now;

// Thursday 26 November 2026, 12:00 in Berlin.
beforeEach(() => {
  Settings.now = () => Date.parse('2026-11-26T11:00:00Z');
});
afterEach(() => {
  Settings.now = realNow;
});

describe('scheduleText', () => {
  const lab = {
    startDate: '2026-12-01',
    startTime: '09:00',
    durationMinutes: 90,
  };

  it('words a one-off session with its weekday, date and hours', () => {
    expect(
      scheduleText(
        { ...lab, kind: 'once', weekdays: [], untilDate: null },
        BERLIN,
      ),
    ).toBe('Once, Tue 1 Dec 9:00–10:30');
  });

  it('words a weekly session with its days, hours, first and last date', () => {
    expect(
      scheduleText(
        { ...lab, kind: 'weekly', weekdays: [2, 4], untilDate: '2026-12-18' },
        BERLIN,
      ),
    ).toBe('Weekly on Tue and Thu, 9:00–10:30, from 1 Dec until 18 Dec');
    expect(
      scheduleText(
        { ...lab, kind: 'weekly', weekdays: [1, 3, 5], untilDate: null },
        BERLIN,
      ),
    ).toBe('Weekly on Mon, Wed and Fri, 9:00–10:30, from 1 Dec');
  });

  it('gives the year of dates outside the current one', () => {
    expect(
      scheduleText(
        {
          ...lab,
          kind: 'weekly',
          weekdays: [2],
          untilDate: '2027-01-26',
        },
        BERLIN,
      ),
    ).toBe('Weekly on Tue, 9:00–10:30, from 1 Dec until 26 Jan 2027');
  });
});

describe('meeting times in the course zone', () => {
  it('shows a meeting after the autumn DST change at its local time', () => {
    // 27 Oct 2026 is after Berlin went back to CET (UTC+1): 08:00 UTC is 9:00.
    expect(meetingText('2026-10-27T08:00:00Z', BERLIN)).toBe('Tue 27 Oct 9:00');
    // Before it (CEST, UTC+2) 9:00 was 07:00 UTC.
    expect(meetingText('2026-10-20T07:00:00Z', BERLIN)).toBe('Tue 20 Oct 9:00');
    expect(timeOfDay('2026-12-01T08:00:00Z', 'America/New_York')).toBe('3:00');
  });

  it('spans a meeting from start to end', () => {
    expect(
      meetingSpanText('2026-12-01T08:00:00Z', '2026-12-01T09:30:00Z', BERLIN),
    ).toBe('Tue 1 Dec 9:00–10:30');
  });

  it('names only the weekday of a meeting less than a week away', () => {
    expect(soonMeetingText('2026-12-01T08:00:00Z', BERLIN)).toBe('Tue 9:00');
    expect(soonMeetingText('2026-11-26T13:00:00Z', BERLIN)).toBe('Thu 14:00');
    // A week away is the same weekday as today: the date tells them apart.
    expect(soonMeetingText('2026-12-03T08:00:00Z', BERLIN)).toBe(
      'Thu 3 Dec 9:00',
    );
  });
});

describe('weekdaysText and warmUpText', () => {
  it('lists days in words', () => {
    expect(weekdaysText([7])).toBe('Sun');
    expect(weekdaysText([2, 4])).toBe('Tue and Thu');
  });

  it('says when desktops start and stop', () => {
    expect(warmUpText({ warmUpMinutes: 10, afterEndMinutes: 15 })).toBe(
      'Desktops start 10 min before and stop 15 min after the end if unused',
    );
    expect(warmUpText({ warmUpMinutes: 0, afterEndMinutes: 0 })).toBe(
      'Desktops start at the start and stop at the end if unused',
    );
  });
});
