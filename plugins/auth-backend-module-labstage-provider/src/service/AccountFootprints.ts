import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  CourseFootprint,
  DesktopFootprint,
} from '@internal/backstage-plugin-accounts-common';
import {
  createPluginFetch,
  PluginFetch,
} from '@internal/backstage-plugin-labstage-node';

/**
 * What other plugins hold of an account, and their removal. Each call is
 * idempotent on the other side, so a deletion that failed halfway can
 * simply be run again.
 */
export class AccountFootprints {
  readonly #courses: PluginFetch;
  readonly #desktops: PluginFetch;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.#courses = createPluginFetch(discovery, auth, 'courses');
    this.#desktops = createPluginFetch(discovery, auth, 'desktops');
  }

  async courses(username: string): Promise<CourseFootprint> {
    return json(
      await this.#courses(
        `/internal/users/${encodeURIComponent(username)}/footprint`,
      ),
    );
  }

  async desktops(username: string): Promise<DesktopFootprint> {
    return json(
      await this.#desktops(
        `/internal/users/${encodeURIComponent(username)}/footprint`,
      ),
    );
  }

  async removeDesktops(username: string): Promise<DesktopFootprint> {
    return json(
      await this.#desktops(
        `/internal/users/${encodeURIComponent(username)}/desktops`,
        {
          method: 'DELETE',
        },
      ),
    );
  }

  /** Enrolments go; posts and comments stay, re-attributed to "deleted user". */
  async removeFromCourses(username: string): Promise<CourseFootprint> {
    return json(
      await this.#courses(`/internal/users/${encodeURIComponent(username)}`, {
        method: 'DELETE',
      }),
    );
  }
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return (await response.json()) as T;
}
