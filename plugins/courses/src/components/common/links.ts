import { useRouteRef } from '@backstage/frontend-plugin-api';
import { courseRouteRef, rootRouteRef } from '../../routes';

export type CourseTab = 'announcements' | 'qa' | 'materials' | 'roster';

/** Builds links to a course (and one of its tabs). */
export function useCourseLink(): (courseId: string, tab?: CourseTab) => string {
  const courseRoute = useRouteRef(courseRouteRef);
  return (courseId, tab) => {
    const base = courseRoute
      ? courseRoute({ courseId })
      : `/courses/${encodeURIComponent(courseId)}`;
    return tab ? `${base.replace(/\/$/, '')}/${tab}` : base;
  };
}

export function useCoursesLink(): string {
  const root = useRouteRef(rootRouteRef);
  return root ? root() : '/courses';
}
