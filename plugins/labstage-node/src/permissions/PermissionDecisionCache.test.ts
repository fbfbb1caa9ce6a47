import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import { PermissionsService } from '@backstage/backend-plugin-api';
import { PermissionDecisionCache } from './PermissionDecisionCache';

const createThing = createPermission({
  name: 'things.create',
  attributes: { action: 'create' },
});
const readThing = createPermission({
  name: 'things.read',
  attributes: { action: 'read' },
  resourceType: 'thing',
});
const conditional = {
  result: AuthorizeResult.CONDITIONAL,
  pluginId: 'things',
  resourceType: 'thing',
  conditions: { rule: 'IS_OWNER', resourceType: 'thing', params: {} },
} as const;

/** A permissions service that answers from a table and counts the calls. */
function countingPermissions(allowCreate: () => boolean) {
  const calls = { authorize: 0, authorizeConditional: 0 };
  const service: PermissionsService = {
    async authorize(requests) {
      calls.authorize += 1;
      return requests.map(() => ({
        result: allowCreate() ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
      }));
    },
    async authorizeConditional(requests) {
      calls.authorizeConditional += 1;
      return requests.map(() => conditional);
    },
  };
  return { service, calls };
}

describe('PermissionDecisionCache', () => {
  it('asks once per user for a burst, and once for basic and resource permissions together', async () => {
    const { service, calls } = countingPermissions(() => true);
    const cache = new PermissionDecisionCache({ permissions: service });
    const alice = mockCredentials.user('user:default/alice');

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        cache.decisions(alice, [createThing, readThing]),
      ),
    );

    expect(calls).toEqual({ authorize: 1, authorizeConditional: 1 });
    for (const [create, read] of answers) {
      expect(create.result).toBe(AuthorizeResult.ALLOW);
      expect(read).toEqual(conditional);
    }
  });

  it('keeps users apart', async () => {
    let allow = true;
    const { service, calls } = countingPermissions(() => allow);
    const cache = new PermissionDecisionCache({ permissions: service });

    expect(
      await cache.allows(
        mockCredentials.user('user:default/alice'),
        createThing,
      ),
    ).toBe(true);
    allow = false;
    expect(
      await cache.allows(mockCredentials.user('user:default/bob'), createThing),
    ).toBe(false);
    expect(calls.authorize).toBe(2);
  });

  it('forgets everything on clear, so a demotion counts at once', async () => {
    let allow = true;
    const { service } = countingPermissions(() => allow);
    const cache = new PermissionDecisionCache({ permissions: service });
    const alice = mockCredentials.user('user:default/alice');

    expect(await cache.allows(alice, createThing)).toBe(true);
    allow = false;
    expect(await cache.allows(alice, createThing)).toBe(true);
    cache.clear();
    expect(await cache.allows(alice, createThing)).toBe(false);
  });

  it('asks again after the time to live', async () => {
    const { service, calls } = countingPermissions(() => true);
    const cache = new PermissionDecisionCache({
      permissions: service,
      ttlMs: 0,
    });
    const alice = mockCredentials.user('user:default/alice');

    await cache.allows(alice, createThing);
    await cache.allows(alice, createThing);
    expect(calls.authorize).toBe(2);
  });

  it('never caches services or anonymous callers', async () => {
    const { service, calls } = countingPermissions(() => true);
    const cache = new PermissionDecisionCache({ permissions: service });

    await cache.allows(mockCredentials.service('plugin:other'), createThing);
    await cache.allows(mockCredentials.service('plugin:other'), createThing);
    await cache.allows(mockCredentials.none(), createThing);
    expect(calls.authorize).toBe(3);
  });

  it('does not keep a failed answer', async () => {
    let fail = true;
    const service: PermissionsService = {
      async authorize(requests) {
        if (fail) throw new Error('permission backend down');
        return requests.map(() => ({ result: AuthorizeResult.ALLOW }));
      },
      async authorizeConditional() {
        throw new Error('unused');
      },
    };
    const cache = new PermissionDecisionCache({ permissions: service });
    const alice = mockCredentials.user('user:default/alice');

    await expect(cache.allows(alice, createThing)).rejects.toThrow(
      'permission backend down',
    );
    fail = false;
    expect(await cache.allows(alice, createThing)).toBe(true);
  });
});
