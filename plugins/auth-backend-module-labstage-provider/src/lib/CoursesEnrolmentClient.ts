import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { InputError, ResponseError } from '@backstage/errors';

/**
 * The two internal courses-backend calls a sign-up with a join code needs.
 * Calls carry a service token of `plugin:auth`, which courses-backend
 * requires on its `/internal` routes.
 */
export class CoursesEnrolmentClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

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

  async #fetch(path: string, init: RequestInit): Promise<Response> {
    const baseUrl = await this.discovery.getBaseUrl('courses');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'courses',
    });
    return fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
  }
}
