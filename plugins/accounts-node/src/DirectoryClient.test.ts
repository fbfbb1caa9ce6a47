import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { startTestBackend } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { User } from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from './AccountsDirectory';
import { accountsDirectoryServiceRef } from './accountsDirectoryServiceRef';

const alice: User = {
  username: 'alice',
  userEntityRef: 'user:default/alice',
  displayName: 'Alice Student',
  email: 'alice@labstage.local',
  role: 'student',
  disabled: false,
  createdAt: '2025-01-01T00:00:00.000Z',
};

/**
 * Stand-in for the auth plugin's `/accounts/directory` routes (the real ones
 * live in auth-backend-module-labstage-provider); records each caller.
 */
function authDirectoryStandIn(calls: string[], users: Map<string, User>) {
  return createBackendPlugin({
    pluginId: 'auth',
    register(reg) {
      reg.registerInit({
        deps: {
          httpRouter: coreServices.httpRouter,
          httpAuth: coreServices.httpAuth,
        },
        async init({ httpRouter, httpAuth }) {
          // A bare handler: this package doesn't depend on express.
          httpRouter.use((req, res, next) => {
            const match = /^\/accounts\/directory\/users(?:\/([^/]+))?$/.exec(
              req.path,
            );
            if (!match) {
              next();
              return;
            }
            httpAuth
              .credentials(req, { allow: ['service'] })
              .then(c => {
                const name = match[1];
                calls.push(
                  name
                    ? `get ${name} by ${c.principal.subject}`
                    : `list by ${c.principal.subject}`,
                );
                if (!name) {
                  res.json({ items: [...users.values()] });
                  return;
                }
                const user = users.get(name);
                if (!user) throw new NotFoundError('no such user');
                res.json(user);
              })
              .catch(next);
          });
        },
      });
    },
  });
}

/** A consumer plugin that captures the directory its scope receives. */
function consumer(capture: (d: AccountsDirectory) => void) {
  return createBackendPlugin({
    pluginId: 'courses',
    register(reg) {
      reg.registerInit({
        deps: { directory: accountsDirectoryServiceRef },
        async init({ directory }) {
          capture(directory);
        },
      });
    },
  });
}

describe('accountsDirectoryServiceRef (default factory, stand-in auth plugin)', () => {
  async function setup() {
    const calls: string[] = [];
    const users = new Map([['alice', alice]]);
    let directory: AccountsDirectory | undefined;
    await startTestBackend({
      features: [
        authDirectoryStandIn(calls, users),
        consumer(d => {
          directory = d;
        }),
      ],
    });
    return { calls, users, directory: directory! };
  }

  it('looks users up with a service token of the calling plugin', async () => {
    const { calls, directory } = await setup();
    expect(await directory.getUser('alice')).toEqual(alice);
    expect(await directory.getUserByRef('user:default/alice')).toEqual(alice);
    expect(
      await directory.getUserByRef('group:default/admins'),
    ).toBeUndefined();
    expect(await directory.getUser('ghost')).toBeUndefined();
    expect(await directory.listUsers()).toEqual([alice]);
    // The second alice lookup was served from the short cache.
    expect(calls).toEqual([
      'get alice by plugin:courses',
      'get ghost by plugin:courses',
      'list by plugin:courses',
    ]);
  });

  it('sees changes once the short cache has expired', async () => {
    jest.useFakeTimers({
      doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval'],
    });
    try {
      const { users, directory } = await setup();
      expect((await directory.getUser('alice'))?.role).toBe('student');
      users.set('alice', { ...alice, role: 'instructor' });
      expect((await directory.getUser('alice'))?.role).toBe('student');
      jest.setSystemTime(Date.now() + 3500);
      expect((await directory.getUser('alice'))?.role).toBe('instructor');
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not cache unknown users, so new accounts show up at once', async () => {
    const { users, directory } = await setup();
    expect(await directory.getUser('carol')).toBeUndefined();
    users.set('carol', {
      ...alice,
      username: 'carol',
      userEntityRef: 'user:default/carol',
    });
    expect((await directory.getUser('carol'))?.username).toBe('carol');
  });
});
