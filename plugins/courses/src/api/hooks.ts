import { useMemo } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { CoursesApi, CoursesClient, coursesApiRef } from './CoursesClient';

/**
 * The courses API: the registered one when the courses plugin is installed,
 * else a client built from core APIs (so the home cards work anywhere).
 */
export function useCoursesApi(): CoursesApi {
  const holder = useApiHolder();
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const identityApi = useApi(identityApiRef);
  const registered = holder.get(coursesApiRef);
  return useMemo(
    () =>
      registered ?? new CoursesClient({ discoveryApi, fetchApi, identityApi }),
    [registered, discoveryApi, fetchApi, identityApi],
  );
}
