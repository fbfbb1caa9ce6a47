import { ComponentType } from 'react';
import {
  createExtensionBlueprint,
  createExtensionDataRef,
  createExtensionInput,
} from '@backstage/frontend-plugin-api';

/** What a course panel is told about the course page it is on. @public */
export type CoursePanelProps = {
  courseId: string;
  /** `CS101`, for wording. */
  courseCode: string;
  /** An instructor of the course, or an admin. */
  canManage: boolean;
  /** Enrolled as a student. */
  isStudent: boolean;
};

/**
 * A panel another plugin adds to the course page: a card on the Overview
 * tab, or a tab of its own.
 *
 * @public
 */
export type CoursePanel = {
  title: string;
  placement: { area: 'overview' } | { area: 'tab'; path: string };
  /** Shown to the course's instructors (and admins) only. */
  managersOnly?: boolean;
  component: ComponentType<CoursePanelProps>;
};

/** @public */
export const coursePanelDataRef = createExtensionDataRef<CoursePanel>().with({
  id: 'labstage.course-panel',
});

/**
 * The input the course page (courses plugin) collects panels from; the
 * courses plugin and the plugins adding panels share it through here, so
 * neither imports the other.
 *
 * @public
 */
export const coursePanelsInput = createExtensionInput([coursePanelDataRef]);

/**
 * Adds a panel to the course page, e.g. the desktops plugin's Environment
 * card and tab.
 *
 * @public
 */
export const CoursePanelBlueprint = createExtensionBlueprint({
  kind: 'course-panel',
  attachTo: { id: 'page:courses/course', input: 'panels' },
  output: [coursePanelDataRef],
  *factory(params: CoursePanel) {
    yield coursePanelDataRef(params);
  },
});
