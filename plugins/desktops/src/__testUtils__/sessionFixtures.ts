import type {
  ClassOccurrence,
  ClassSessionNowResponse,
  ClassSessionView,
} from '@internal/backstage-plugin-desktops-common';

/**
 * CS101's Lab in Berlin: weekly on Tuesday and Thursday 9:00-10:30 (08:00
 * UTC in winter) from 1 December until 18 December 2026; override what
 * matters.
 */
export function aSessionView(
  overrides: Partial<ClassSessionView> = {},
): ClassSessionView {
  return {
    id: 's1',
    courseId: 'c1',
    title: 'Lab',
    kind: 'weekly',
    startDate: '2026-12-01',
    startTime: '09:00',
    durationMinutes: 90,
    weekdays: [2, 4],
    untilDate: '2026-12-18',
    warmUpMinutes: 10,
    afterEndMinutes: 15,
    cancelledDates: [],
    createdBy: 'user:default/teacher',
    createdAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:00.000Z',
    nextOccurrence: aMeeting(),
    ...overrides,
  };
}

/** A meeting of the Lab; `date` a Tuesday or Thursday of December 2026. */
export function aMeeting(
  date: string = '2026-12-01',
  overrides: Partial<ClassOccurrence> = {},
): ClassOccurrence {
  return {
    sessionId: 's1',
    courseId: 'c1',
    title: 'Lab',
    date,
    start: `${date}T08:00:00.000Z`,
    end: `${date}T09:30:00.000Z`,
    warmUpAt: `${date}T07:50:00.000Z`,
    stopAt: `${date}T09:45:00.000Z`,
    ...overrides,
  };
}

/** GET …/sessions/now during the Lab of 1 December; override what matters. */
export function aSessionNow(
  overrides: Partial<ClassSessionNowResponse> = {},
): ClassSessionNowResponse {
  return {
    occurrence: aMeeting(),
    phase: 'warming-up',
    desktop: { id: 'd1', state: 'running' },
    ...overrides,
  };
}
