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
import {
  coursePanelDataRef,
  coursePanelsInput,
} from '@internal/backstage-plugin-labstage-react';
import { CoursesClient, coursesApiRef } from './api/CoursesClient';
import { courseRouteRef, rootRouteRef } from './routes';

export const coursesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: coursesApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        fetchApi: fetchApiRef,
        identityApi: identityApiRef,
      },
      factory: deps => new CoursesClient(deps),
    }),
});

export const coursesPage = PageBlueprint.make({
  params: {
    path: '/courses',
    title: 'Courses',
    routeRef: rootRouteRef,
    noHeader: true,
    loader: () =>
      import('./components/CoursesPage/CoursesPage').then(m => (
        <m.CoursesPage />
      )),
  },
});

export const coursePage = PageBlueprint.makeWithOverrides({
  name: 'course',
  // Other plugins add cards and tabs (CoursePanelBlueprint) without the
  // courses plugin knowing them.
  inputs: { panels: coursePanelsInput },
  factory(originalFactory, { inputs }) {
    const panels = inputs.panels.map(p => p.get(coursePanelDataRef));
    return originalFactory({
      path: '/courses/:courseId',
      title: 'Course',
      routeRef: courseRouteRef,
      noHeader: true,
      loader: () =>
        import('./components/CoursePage/CoursePage').then(m => (
          <m.CoursePage panels={panels} />
        )),
    });
  },
});

/**
 * Labstage courses: course list, course pages and the courses API.
 *
 * @public
 */
export const coursesPlugin = createFrontendPlugin({
  pluginId: 'courses',
  info: { packageJson: () => import('../package.json') },
  extensions: [coursesApi, coursesPage, coursePage],
  routes: {
    root: rootRouteRef,
    course: courseRouteRef,
  },
});
