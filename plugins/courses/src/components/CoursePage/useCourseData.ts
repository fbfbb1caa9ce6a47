import { DependencyList } from 'react';
import { useReloadableAsync } from '@internal/backstage-plugin-labstage-react';
import { CoursesApi } from '../../api/CoursesClient';
import { useCoursesApi } from '../../api/hooks';
import { useCourseContext } from './context';

/** Loads something of the open course; reloads when the course changes. */
export function useCourseData<T>(
  load: (api: CoursesApi, courseId: string) => Promise<T>,
  deps: DependencyList = [],
) {
  const { course } = useCourseContext();
  const coursesApi = useCoursesApi();
  return useReloadableAsync(
    () => load(coursesApi, course.id),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [coursesApi, course.id, ...deps],
  );
}
