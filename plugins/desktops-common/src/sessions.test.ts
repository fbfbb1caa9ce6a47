import {
  cancelClassOccurrenceRequestSchema,
  classOccurrencesQuerySchema,
  createClassSessionRequestSchema,
  mergeClassSessionUpdate,
  updateClassSessionRequestSchema,
} from './sessions';

const weekly = {
  title: ' Lab ',
  kind: 'weekly',
  startDate: '2026-09-14',
  startTime: '09:00',
  durationMinutes: 90,
  weekdays: [3, 1],
};

function messages(result: { success: boolean; error?: unknown }): string[] {
  const error = result.error as
    | { issues: Array<{ message: string }> }
    | undefined;
  return error?.issues.map(i => i.message) ?? [];
}

describe('class session schemas', () => {
  it('fills in defaults, trims the title and sorts the weekdays', () => {
    expect(createClassSessionRequestSchema.parse(weekly)).toEqual({
      title: 'Lab',
      kind: 'weekly',
      startDate: '2026-09-14',
      startTime: '09:00',
      durationMinutes: 90,
      weekdays: [1, 3],
      untilDate: null,
      warmUpMinutes: 10,
      afterEndMinutes: 15,
    });
  });

  it('refuses impossible dates and times with the format to use', () => {
    expect(
      messages(
        createClassSessionRequestSchema.safeParse({
          ...weekly,
          startDate: '2026-02-30',
          startTime: '9:00',
        }),
      ),
    ).toEqual([
      'Dates are written yyyy-mm-dd, for example 2026-09-14',
      'Times are written HH:mm (24-hour), for example 09:00',
    ]);
    expect(
      createClassSessionRequestSchema.safeParse({
        ...weekly,
        startTime: '24:00',
      }).success,
    ).toBe(false);
  });

  it('keeps minutes in range', () => {
    expect(
      messages(
        createClassSessionRequestSchema.safeParse({
          ...weekly,
          durationMinutes: 4,
          warmUpMinutes: 121,
          afterEndMinutes: 1.5,
        }),
      ),
    ).toEqual([
      'The duration is a whole number of minutes from 5 to 720',
      'Warm-up is a whole number of minutes from 0 to 120',
      'The time after the end is a whole number of minutes from 0 to 240',
    ]);
  });

  it('needs weekdays for a weekly session, each once, 1 to 7', () => {
    const refused = (weekdays: unknown) =>
      messages(
        createClassSessionRequestSchema.safeParse({ ...weekly, weekdays }),
      );
    expect(refused([])).toEqual([
      'A weekly session meets on at least one weekday',
    ]);
    expect(refused([1, 1])).toEqual(['Each weekday is listed once']);
    expect(refused([0])).toEqual([
      'Weekdays are numbers from 1 (Monday) to 7 (Sunday)',
    ]);
  });

  it('refuses weekdays and a last date on a one-off, and a last date before the start', () => {
    expect(
      messages(
        createClassSessionRequestSchema.safeParse({ ...weekly, kind: 'once' }),
      ),
    ).toEqual([
      'A one-off session has no weekdays (make it weekly to repeat it)',
    ]);
    expect(
      messages(
        createClassSessionRequestSchema.safeParse({
          ...weekly,
          untilDate: '2026-09-13',
        }),
      ),
    ).toEqual([
      'The last date of a weekly session is on or after its start date',
    ]);
    // The last date may be the start date.
    expect(
      createClassSessionRequestSchema.safeParse({
        ...weekly,
        untilDate: '2026-09-14',
      }).success,
    ).toBe(true);
  });

  it('refuses unknown fields and control characters in titles', () => {
    expect(
      createClassSessionRequestSchema.safeParse({ ...weekly, courseId: 'x' })
        .success,
    ).toBe(false);
    expect(
      createClassSessionRequestSchema.safeParse({ ...weekly, title: 'a\nb' })
        .success,
    ).toBe(false);
    expect(
      createClassSessionRequestSchema.safeParse({ ...weekly, title: '  ' })
        .success,
    ).toBe(false);
  });

  it('updates need a field, and may remove the last date', () => {
    expect(messages(updateClassSessionRequestSchema.safeParse({}))).toEqual([
      'Give at least one field to change',
    ]);
    expect(updateClassSessionRequestSchema.parse({ untilDate: null })).toEqual({
      untilDate: null,
    });
    expect(
      updateClassSessionRequestSchema.safeParse({ createdBy: 'me' }).success,
    ).toBe(false);
  });

  it('merges an update; made one-off, a series drops its days', () => {
    const current = createClassSessionRequestSchema.parse({
      ...weekly,
      untilDate: '2026-12-18',
    });
    expect(mergeClassSessionUpdate(current, { startTime: '10:00' })).toEqual({
      ...current,
      startTime: '10:00',
    });
    expect(mergeClassSessionUpdate(current, { untilDate: null })).toEqual({
      ...current,
      untilDate: null,
    });
    expect(mergeClassSessionUpdate(current, { kind: 'once' })).toEqual({
      ...current,
      kind: 'once',
      weekdays: [],
      untilDate: null,
    });
  });

  it('cancels a meeting by its date', () => {
    expect(
      cancelClassOccurrenceRequestSchema.parse({ date: '2026-09-16' }),
    ).toEqual({ date: '2026-09-16' });
    expect(
      cancelClassOccurrenceRequestSchema.safeParse({ date: '16/09/2026' })
        .success,
    ).toBe(false);
  });
});

describe('class occurrences query schema', () => {
  const parse = (from: unknown, to: unknown) =>
    classOccurrencesQuerySchema.safeParse({ from, to });

  it('takes instants with a zone, up to 62 days apart', () => {
    expect(parse('2026-09-01T00:00:00Z', '2026-11-02T00:00:00Z').success).toBe(
      true,
    );
    expect(
      parse('2026-09-01T00:00:00+02:00', '2026-09-08T00:00:00+02:00').success,
    ).toBe(true);
  });

  it('refuses a longer window, an empty or reversed one, and dates without a time', () => {
    expect(
      messages(parse('2026-09-01T00:00:00Z', '2026-11-02T00:00:01Z')),
    ).toEqual(['The window from `from` to `to` is at most 62 days']);
    expect(
      messages(parse('2026-09-08T00:00:00Z', '2026-09-08T00:00:00Z')),
    ).toEqual(['`to` is after `from`']);
    expect(messages(parse('2026-09-01', undefined))).toEqual([
      'from is an ISO 8601 instant with a zone, for example 2026-09-14T00:00:00Z',
      'to is an ISO 8601 instant with a zone, for example 2026-09-14T00:00:00Z',
    ]);
  });
});
