import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { seedDemoAccounts } from '../service/seedDemoAccounts';
import { applyMigrations } from './migrate';
import { SessionStore } from './SessionStore';
import { UserStore } from './UserStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

async function setup(databaseId: Parameters<typeof databases.init>[0]) {
  const knex = await databases.init(databaseId);
  await applyMigrations(knex);
  return { knex, users: new UserStore(knex), sessions: new SessionStore(knex) };
}

const account = (username: string, role: 'admin' | 'student' = 'student') => ({
  username,
  displayName: `${username} Name`,
  email: `${username}@Example.com`,
  passwordHash: 'hash',
  role,
});

describe.each(databases.eachSupportedId())(
  'account stores on %s',
  databaseId => {
    it('creates, reads and lists users with normalized fields', async () => {
      const { users } = await setup(databaseId);
      const created = await users.create(account('carol'));
      expect(created).toEqual({
        username: 'carol',
        userEntityRef: 'user:default/carol',
        displayName: 'carol Name',
        email: 'carol@example.com',
        role: 'student',
        disabled: false,
        createdAt: expect.any(String),
      });
      expect(await users.get('carol')).toEqual(created);
      expect(await users.list()).toEqual([created]);
      expect((await users.getWithPasswordHash('carol'))?.passwordHash).toBe(
        'hash',
      );
      expect(await users.get('nobody')).toBeUndefined();
    });

    it('rejects duplicate usernames and emails', async () => {
      const { users } = await setup(databaseId);
      await users.create(account('carol'));
      await expect(users.create(account('carol'))).rejects.toThrow(
        'That username is already taken',
      );
      await expect(
        users.create({ ...account('dave'), email: 'CAROL@example.com' }),
      ).rejects.toThrow('An account with that email address already exists');
    });

    it('refuses to demote or disable the last enabled admin', async () => {
      const { users } = await setup(databaseId);
      await users.create(account('root', 'admin'));
      await expect(
        users.setRoleOrDisabled('root', { role: 'student' }),
      ).rejects.toThrow(ConflictError);
      await expect(
        users.setRoleOrDisabled('root', { disabled: true }),
      ).rejects.toThrow('This is the last enabled admin');

      await users.create(account('second'));
      await users.setRoleOrDisabled('second', { role: 'admin' });
      const demoted = await users.setRoleOrDisabled('root', { disabled: true });
      expect(demoted).toMatchObject({ role: 'admin', disabled: true });
      expect((await users.get('root'))?.disabled).toBe(true);
    });

    it('stores only a hash of session tokens and expires them', async () => {
      const { knex, users, sessions } = await setup(databaseId);
      await users.create(account('carol'));
      const { token, expiresAt } = await sessions.create('carol');
      expect(expiresAt.getTime()).toBeGreaterThan(Date.now() + 13 * 86400_000);

      const rows = await knex('labstage_sessions').select('id');
      expect(rows).toHaveLength(1);
      expect(rows[0].id).not.toContain(token);
      expect(rows[0].id).toMatch(/^[0-9a-f]{64}$/);

      expect(await sessions.get(token)).toEqual({
        username: 'carol',
        expiresAt: expect.any(Date),
      });
      expect(await sessions.get('not-a-token')).toBeUndefined();

      await knex('labstage_sessions').update({
        expires_at: new Date(Date.now() - 1000),
      });
      expect(await sessions.deleteExpired()).toBe(1);
      expect(await sessions.get(token)).toBeUndefined();
    });

    it('revokes all sessions of a user except the given one', async () => {
      const { users, sessions } = await setup(databaseId);
      await users.create(account('carol'));
      const keep = await sessions.create('carol');
      const drop = await sessions.create('carol');
      await sessions.revokeAllForUser('carol', keep.token);
      expect(await sessions.get(keep.token)).toBeDefined();
      expect(await sessions.get(drop.token)).toBeUndefined();
    });

    it('seeds the demo accounts idempotently', async () => {
      const { users } = await setup(databaseId);
      const logger = mockServices.logger.mock();
      expect(await seedDemoAccounts(users, logger)).toBe(4);
      expect(await seedDemoAccounts(users, logger)).toBe(0);
      const list = await users.list();
      expect(
        list.map(u => [u.username, u.role, u.displayName, u.email]),
      ).toEqual([
        ['admin', 'admin', 'Ada Admin', 'admin@labstage.local'],
        ['alice', 'student', 'Alice Student', 'alice@labstage.local'],
        ['bob', 'student', 'Bob Student', 'bob@labstage.local'],
        ['teacher', 'instructor', 'Tom Teacher', 'teacher@labstage.local'],
      ]);
    });
  },
);
