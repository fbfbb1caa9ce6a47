import { CourseResource } from '@internal/backstage-plugin-courses-node';
import { CourseRecord, CoursesStore } from '../store';
import { refForUsername } from './identity';

/** Loads courses as permission resources (membership as user entity refs). */
export async function loadCourseResources(
  store: CoursesStore,
  courseIds: string[],
): Promise<Array<CourseResource | undefined>> {
  const courses = await store.courses.getMany([...new Set(courseIds)]);
  const byId = await courseResources(store, courses);
  return courseIds.map(id => byId.get(id));
}

/**
 * Permission resources for courses a request has already loaded: one query
 * for their enrolments.
 */
export async function courseResources(
  store: CoursesStore,
  courses: CourseRecord[],
): Promise<Map<string, CourseResource>> {
  const enrolments = await store.enrolments.listForCourses(
    courses.map(c => c.id),
  );
  const byId = new Map<string, CourseResource>(
    courses.map(c => [
      c.id,
      { id: c.id, archived: c.archived, instructors: [], members: [] },
    ]),
  );
  for (const e of enrolments) {
    const resource = byId.get(e.courseId);
    if (!resource) continue;
    const ref = refForUsername(e.username);
    resource.members.push(ref);
    if (e.role === 'instructor') resource.instructors.push(ref);
  }
  return byId;
}
