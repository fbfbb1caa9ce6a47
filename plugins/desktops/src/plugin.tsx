import {
  ApiBlueprint,
  createFrontendPlugin,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import { CoursePanelBlueprint } from '@internal/backstage-plugin-labstage-react';
import {
  desktopAuditReadPermission,
  desktopCapacityReadPermission,
} from '@internal/backstage-plugin-desktops-common';
import { DesktopsClient, desktopsApiRef } from './api/DesktopsClient';
import { EnvironmentCard } from './components/CourseEnvironment/EnvironmentCard';
import { EnvironmentTab } from './components/CourseEnvironment/EnvironmentTab';
import { ClassroomTab } from './components/Classroom/ClassroomTab';
import { SessionsOverviewPanel } from './components/Sessions/SessionsOverviewPanel';
import { SessionsTab } from './components/Sessions/SessionsTab';
import { CourseHoursTab } from './components/Hours/CourseHoursTab';
import { HourMeterCard } from './components/Hours/HourMeterCard';
import {
  auditRouteRef,
  capacityRouteRef,
  desktopRouteRef,
  rootRouteRef,
} from './routes';

export const desktopsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: desktopsApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: deps => new DesktopsClient(deps),
    }),
});

export const desktopsPage = PageBlueprint.make({
  params: {
    path: '/desktops',
    title: 'My desktops',
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/DesktopsPage/DesktopsPage').then(m => (
        <m.DesktopsPage />
      )),
  },
});

export const desktopViewerPage = PageBlueprint.make({
  name: 'viewer',
  params: {
    path: '/desktops/:desktopId',
    title: 'Desktop',
    routeRef: desktopRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/DesktopViewer/DesktopViewerPage').then(m => (
        <m.DesktopViewerPage />
      )),
  },
});

/**
 * The class sessions line on every course page's Overview ("Next session:
 * Tue 9:00"), which becomes the student's "your desktop is ready" card
 * while a meeting's desktops are on. Listed before the Environment card so
 * it comes first.
 */
export const courseSessionsOverview = CoursePanelBlueprint.make({
  name: 'sessions-overview',
  params: {
    title: 'Class sessions',
    placement: { area: 'overview' },
    component: props => <SessionsOverviewPanel {...props} />,
  },
});

/**
 * The Sessions tab of a course: every member reads the schedule; its
 * instructors schedule, edit, delete and cancel meetings.
 */
export const courseSessionsTab = CoursePanelBlueprint.make({
  name: 'sessions-tab',
  params: {
    title: 'Sessions',
    placement: { area: 'tab', path: 'sessions' },
    component: props => <SessionsTab {...props} />,
  },
});

/** The Environment card on every course page's Overview. */
export const courseEnvironmentCard = CoursePanelBlueprint.make({
  name: 'environment-card',
  params: {
    title: 'Environment',
    placement: { area: 'overview' },
    component: props => <EnvironmentCard {...props} />,
  },
});

/** The Environment tab of a course, for its instructors. */
export const courseEnvironmentTab = CoursePanelBlueprint.make({
  name: 'environment-tab',
  params: {
    title: 'Environment',
    placement: { area: 'tab', path: 'environment' },
    managersOnly: true,
    component: props => <EnvironmentTab {...props} />,
  },
});

/**
 * The Classroom tab of a course, for its instructors: live thumbnails of
 * the students' desktops, raised hands, watch and take control.
 */
export const courseClassroomTab = CoursePanelBlueprint.make({
  name: 'classroom-tab',
  params: {
    title: 'Classroom',
    placement: { area: 'tab', path: 'classroom' },
    managersOnly: true,
    component: props => <ClassroomTab {...props} />,
  },
});

/**
 * The desktop audit log, next to the other admin pages. The app leaves it
 * out unless the policy allows reading the audit log (admins); the
 * backend refuses everyone else as well.
 */
export const desktopAuditPage = PageBlueprint.make({
  name: 'audit',
  if: { permissions: { $contains: desktopAuditReadPermission.name } },
  params: {
    path: '/admin/desktop-audit',
    title: 'Desktop audit log',
    routeRef: auditRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/AuditLog/AuditLogPage').then(m => (
        <m.AuditLogPage />
      )),
  },
});

/**
 * A student's "Desktop hours" meter on the course Overview (empty for
 * everyone else: instructors have the Hours tab).
 */
export const courseHourMeterCard = CoursePanelBlueprint.make({
  name: 'hour-meter-card',
  params: {
    title: 'Desktop hours',
    placement: { area: 'overview' },
    component: props => <HourMeterCard {...props} />,
  },
});

/** The Hours tab of a course, for its instructors: budget, usage, grants. */
export const courseHoursTab = CoursePanelBlueprint.make({
  name: 'hours-tab',
  params: {
    title: 'Hours',
    placement: { area: 'tab', path: 'hours' },
    managersOnly: true,
    component: props => <CourseHoursTab {...props} />,
  },
});

/**
 * What this installation can run and the hour quota defaults, next to the
 * other admin pages; left out unless the policy allows reading capacity
 * (admins), and the backend refuses everyone else as well.
 */
export const desktopCapacityPage = PageBlueprint.make({
  name: 'capacity',
  if: { permissions: { $contains: desktopCapacityReadPermission.name } },
  params: {
    path: '/admin/capacity',
    title: 'Capacity',
    routeRef: capacityRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/Capacity/CapacityPage').then(m => (
        <m.CapacityPage />
      )),
  },
});

/**
 * Labstage desktops: my desktops, the in-browser viewer and the desktops API.
 *
 * @public
 */
export const desktopsPlugin = createFrontendPlugin({
  pluginId: 'desktops',
  info: { packageJson: () => import('../package.json') },
  extensions: [
    desktopsApi,
    desktopsPage,
    desktopViewerPage,
    courseSessionsOverview,
    courseEnvironmentCard,
    courseEnvironmentTab,
    courseClassroomTab,
    courseSessionsTab,
    desktopAuditPage,
    courseHourMeterCard,
    courseHoursTab,
    desktopCapacityPage,
  ],
  routes: {
    root: rootRouteRef,
    desktop: desktopRouteRef,
    audit: auditRouteRef,
    capacity: capacityRouteRef,
  },
});
