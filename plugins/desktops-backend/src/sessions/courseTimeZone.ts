import {
  BackstageCredentials,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Course,
  FALLBACK_TIME_ZONE,
} from '@internal/backstage-plugin-courses-common';
import { createPluginFetch } from '@internal/backstage-plugin-labstage-node';
import { RouteContext } from '../http/context';

/**
 * The IANA zone a course's sessions are expressed in, read from the
 * courses plugin as the caller (who may read the course). A course
 * without one (a courses plugin from before zones) is in
 * `courses.defaultTimeZone`, as the courses plugin itself would place it,
 * else UTC.
 */
export async function courseTimeZone(
  ctx: Pick<RouteContext, 'discovery' | 'auth'> & {
    config: RootConfigService;
  },
  credentials: BackstageCredentials,
  courseId: string,
): Promise<string> {
  const coursesFetch = createPluginFetch(ctx.discovery, ctx.auth, 'courses', {
    onBehalfOf: credentials,
  });
  const response = await coursesFetch(
    `/courses/${encodeURIComponent(courseId)}`,
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  const course = (await response.json()) as Partial<Course>;
  return (
    course.timeZone ??
    ctx.config.getOptionalString('courses.defaultTimeZone') ??
    FALLBACK_TIME_ZONE
  );
}
