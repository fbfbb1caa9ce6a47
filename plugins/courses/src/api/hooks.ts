import {
  CoreApis,
  usePluginApi,
} from '@internal/backstage-plugin-labstage-react';
import { CoursesApi, CoursesClient, coursesApiRef } from './CoursesClient';

const createClient = (apis: CoreApis) => new CoursesClient(apis);

/**
 * The courses API: the registered one when the courses plugin is installed,
 * else a client built from core APIs (so the home cards work anywhere).
 */
export function useCoursesApi(): CoursesApi {
  return usePluginApi(coursesApiRef, createClient);
}
