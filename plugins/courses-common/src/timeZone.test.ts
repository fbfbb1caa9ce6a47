import {
  createCourseRequestSchema,
  updateCourseRequestSchema,
} from './schemas';
import { courseTimeZoneSchema, isValidTimeZone } from './timeZone';

describe('course time zone', () => {
  it.each([
    'UTC',
    'Europe/Berlin',
    'America/Argentina/Buenos_Aires',
    'America/Port-au-Prince',
    'Etc/GMT+5',
  ])('accepts the IANA name %p', zone => {
    expect(isValidTimeZone(zone)).toBe(true);
    expect(courseTimeZoneSchema.parse(zone)).toBe(zone);
  });

  it.each(['Mars/Base', '', '+01:00', 'Europe/Berlin; DROP', 'Local'])(
    'refuses %p',
    zone => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );

  it('explains what a valid zone looks like', () => {
    const result = courseTimeZoneSchema.safeParse('Mars/Base');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe(
      "Unknown time zone 'Mars/Base'. Use an IANA name like Europe/Berlin",
    );
  });

  it('trims blanks around a name', () => {
    expect(courseTimeZoneSchema.parse(' Europe/Berlin ')).toBe('Europe/Berlin');
  });

  it('is optional on create and update, and checked when given', () => {
    expect(
      createCourseRequestSchema.parse({ title: 'Linux', code: 'CS101' }),
    ).not.toHaveProperty('timeZone');
    expect(
      createCourseRequestSchema.parse({
        title: 'Linux',
        code: 'CS101',
        timeZone: 'Asia/Tokyo',
      }).timeZone,
    ).toBe('Asia/Tokyo');
    expect(updateCourseRequestSchema.parse({ timeZone: 'UTC' })).toEqual({
      timeZone: 'UTC',
    });
    const bad = updateCourseRequestSchema.safeParse({ timeZone: 'Mars/Base' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0].path).toEqual(['timeZone']);
  });
});
