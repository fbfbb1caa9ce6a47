import { serviceHeader, userHeader } from './testBackend';

/**
 * The callers of the course-scoped authorization matrices (sessions, hours,
 * capacity), by how each stands to the fixture's course: teacher teaches
 * it, alice is enrolled, dave is not, tina teaches another course.
 */
export const courseActors = [
  'anonymous',
  'instructor',
  'other instructor',
  'student',
  'outsider',
  'admin',
  'catalog service',
] as const;

export type CourseActor = (typeof courseActors)[number];

/** Each course actor's Authorization header (none for anonymous). */
export const courseAuthHeaderOf: Record<CourseActor, string | undefined> = {
  anonymous: undefined,
  instructor: userHeader('teacher'),
  'other instructor': userHeader('tina'),
  student: userHeader('alice'),
  outsider: userHeader('dave'),
  admin: userHeader('root'),
  'catalog service': serviceHeader('catalog'),
};
