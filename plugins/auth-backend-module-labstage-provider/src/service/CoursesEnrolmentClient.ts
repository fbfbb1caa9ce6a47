import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';
import {
  createPluginFetch,
  PluginFetch,
} from '@internal/backstage-plugin-labstage-node';

/**
 * The two internal courses-backend calls a sign-up with a join code needs.
 * Calls carry a service token of `plugin:auth`, which courses-backend
 * requires on its `/internal` routes.
 */
export class CoursesEnrolmentClient {
  readonly #fetch: PluginFetch;

  constructor(discovery: DiscoveryService, auth: AuthService) {
    this.#fetch = createPluginFetch(discovery, auth, 'courses');
  }

  /** Throws InputError (400) when the code does not open any course. */
  async assertJoinCodeValid(code: string): Promise<void> {
    const response = await this.#fetch(
      `/internal/join-codes/${encodeURIComponent(code)}`,
      { method: 'GET' },
    );
    if (response.status === 404) {
      throw new InputError('That join code is not valid');
    }
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }

  async enrol(code: string, username: string): Promise<void> {
    const response = await this.#fetch('/internal/enrolments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code, username }),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
  }
}
