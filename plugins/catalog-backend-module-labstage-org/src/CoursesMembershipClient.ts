import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';

/** Reads course memberships from courses-backend with a service token. */
export class CoursesMembershipClient {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly auth: AuthService,
  ) {}

  async listMemberships(): Promise<CourseMembership[]> {
    const baseUrl = await this.discovery.getBaseUrl('courses');
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: await this.auth.getOwnServiceCredentials(),
      targetPluginId: 'courses',
    });
    const response = await fetch(`${baseUrl}/internal/memberships`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    const body = (await response.json()) as { items: CourseMembership[] };
    return body.items;
  }
}
