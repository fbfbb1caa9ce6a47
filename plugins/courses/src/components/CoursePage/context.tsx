import { createContext, ReactNode, useContext } from 'react';
import type { User } from '@internal/backstage-plugin-accounts-common';
import type { Course } from '@internal/backstage-plugin-courses-common';
import type { CoursePanel } from '@internal/backstage-plugin-labstage-react';

export type CourseContextValue = {
  course: Course;
  me?: User;
  /** Instructor of this course, or an admin. */
  canManage: boolean;
  /** Enrolled as a student (can leave). */
  isStudent: boolean;
  reload: () => void;
  /** Panels other plugins add (e.g. the desktops Environment card). */
  panels: CoursePanel[];
};

const Ctx = createContext<CourseContextValue | undefined>(undefined);

export const CourseProvider = (props: {
  value: CourseContextValue;
  children: ReactNode;
}) => <Ctx.Provider value={props.value}>{props.children}</Ctx.Provider>;

export function useCourseContext(): CourseContextValue {
  const value = useContext(Ctx);
  if (!value) throw new Error('useCourseContext outside a course page');
  return value;
}

/** The user's role in the course, as reported by the server. */
export function myCourseRole(course: Course): string | undefined {
  return course.myRole ?? undefined;
}
