import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The course list, `/courses`. */
export const rootRouteRef = createRouteRef();

/** One course, `/courses/:courseId`. */
export const courseRouteRef = createRouteRef({ params: ['courseId'] });
