import { mockCredentials } from '@backstage/backend-test-utils';
import { PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  createConditionFactory,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod/v3';
import { PermissionDecisionCache } from './PermissionDecisionCache';
import { ResourceAuthorizer } from './ResourceAuthorizer';

type Thing = { id: string; owner: string };

const thingRef = createPermissionResourceRef<Thing, never>().with({
  pluginId: 'things',
  resourceType: 'thing',
});
const isOwner = createPermissionRule({
  name: 'IS_OWNER',
  description: 'The thing belongs to the user',
  resourceRef: thingRef,
  paramsSchema: z.object({ userEntityRef: z.string() }),
  apply: (thing, { userEntityRef }) => thing.owner === userEntityRef,
  toQuery: () => {
    throw new Error('not used');
  },
});
const readThing = createPermission({
  name: 'things.read',
  attributes: { action: 'read' },
  resourceType: 'thing',
});
const deleteThing = createPermission({
  name: 'things.delete',
  attributes: { action: 'delete' },
  resourceType: 'thing',
});

const things = new Map<string, Thing>([
  ['t1', { id: 't1', owner: 'user:default/alice' }],
  ['t2', { id: 't2', owner: 'user:default/bob' }],
]);

function authorizerFor(
  decide: (name: string, user: string) => 'allow' | 'deny' | 'owner',
) {
  const loads: string[][] = [];
  const permissions: PermissionsService = {
    async authorize() {
      throw new Error('only resource permissions here');
    },
    async authorizeConditional(requests, { credentials }) {
      const user = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return requests.map(({ permission }) => {
        const answer = decide(permission.name, user);
        if (answer === 'owner') {
          return {
            result: AuthorizeResult.CONDITIONAL,
            pluginId: 'things',
            resourceType: 'thing',
            conditions: createConditionFactory(isOwner)({
              userEntityRef: user,
            }),
          };
        }
        return {
          result:
            answer === 'allow' ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
        };
      });
    },
  };
  const authorizer = new ResourceAuthorizer<Thing, 'thing'>({
    decisions: new PermissionDecisionCache({ permissions }),
    ruleset: {
      getRuleByName: name => {
        if (name !== 'IS_OWNER') throw new Error(`unknown rule ${name}`);
        return isOwner as any;
      },
    },
    async getResources(refs) {
      loads.push(refs);
      return refs.map(ref => things.get(ref));
    },
  });
  return { authorizer, loads };
}

describe('ResourceAuthorizer', () => {
  it('applies conditional decisions to the loaded resources, loading each once', async () => {
    const { authorizer, loads } = authorizerFor(() => 'owner');
    const alice = mockCredentials.user('user:default/alice');

    const allowed = await authorizer.authorize(alice, [
      { permission: readThing, resourceRef: 't1' },
      { permission: readThing, resourceRef: 't2' },
      { permission: deleteThing, resourceRef: 't1' },
      { permission: readThing, resourceRef: 'missing' },
    ]);

    expect(allowed).toEqual([true, false, true, false]);
    expect(loads).toEqual([['t1', 't2', 'missing']]);
  });

  it('uses resources the request already loaded instead of loading them again', async () => {
    const { authorizer, loads } = authorizerFor(() => 'owner');
    const alice = mockCredentials.user('user:default/alice');

    const allowed = await authorizer.authorize(
      alice,
      [
        { permission: readThing, resourceRef: 't1' },
        { permission: readThing, resourceRef: 't2' },
      ],
      new Map([['t1', things.get('t1')!]]),
    );

    expect(allowed).toEqual([true, false]);
    expect(loads).toEqual([['t2']]);
  });

  it('answers definitive decisions without loading anything', async () => {
    const { authorizer, loads } = authorizerFor(name =>
      name === 'things.read' ? 'allow' : 'deny',
    );
    const bob = mockCredentials.user('user:default/bob');

    expect(
      await authorizer.authorize(bob, [
        { permission: readThing, resourceRef: 't1' },
        { permission: deleteThing, resourceRef: 't1' },
      ]),
    ).toEqual([true, false]);
    expect(loads).toEqual([]);
  });

  it('sees a resource change at once even while the decision is cached', async () => {
    const { authorizer } = authorizerFor(() => 'owner');
    const bob = mockCredentials.user('user:default/bob');
    const request = [{ permission: readThing, resourceRef: 't1' }];

    expect(await authorizer.authorize(bob, request)).toEqual([false]);
    things.set('t1', { id: 't1', owner: 'user:default/bob' });
    try {
      expect(await authorizer.authorize(bob, request)).toEqual([true]);
    } finally {
      things.set('t1', { id: 't1', owner: 'user:default/alice' });
    }
  });
});
