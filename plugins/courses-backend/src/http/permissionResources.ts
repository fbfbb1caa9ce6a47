import { CourseResource } from '@internal/backstage-plugin-courses-node';
import { CoursesStore } from '../store';
import { refForUsername } from './identity';

/** Loads courses as permission resources (membership as user entity refs). */
export async function loadCourseResources(
  store: CoursesStore,
  courseIds: string[],
): Promise<Array<CourseResource | undefined>> {
  const unique = [...new Set(courseIds)];
  const courses = await store.courses.getMany(unique);
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
  return courseIds.map(id => byId.get(id));
}
