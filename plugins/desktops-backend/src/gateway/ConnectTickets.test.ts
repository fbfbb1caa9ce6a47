import { mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { Knex } from 'knex';
import path from 'node:path';
import { DatabaseConnectTickets, readTicketTtlSeconds } from './ConnectTickets';

jest.setTimeout(60_000);

const MIGRATION = '20261125111034_connect_tickets.js';

/** Applies only this module's migration, so the test doesn't depend on others. */
async function migrate(knex: Knex) {
  const file = path.join(
    resolvePackagePath(
      '@internal/backstage-plugin-desktops-backend',
      'migrations',
    ),
    MIGRATION,
  );
  await knex.migrate.latest({
    tableName: 'tickets_test_migrations',
    migrationSource: {
      getMigrations: async () => [MIGRATION],
      getMigrationName: (name: string) => name,
      getMigration: async () => require(file),
    },
  });
}

describe('DatabaseConnectTickets', () => {
  const databases = requiredTestDatabases('connect ticket tests');

  async function setup(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await migrate(knex);
    return knex;
  }

  it.each(databases.eachSupportedId())(
    'issues a ticket that can be consumed exactly once, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      const tickets = new DatabaseConnectTickets({ knex, ttlSeconds: 30 });
      const before = Date.now();
      const { ticket, expiresAt } = await tickets.issue({
        desktopId: 'abcdefabcdef',
        userEntityRef: 'user:default/ada',
        mode: 'control',
      });
      expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(expiresAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
      expect(expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 30_000);

      // the ticket itself is never stored, only its hash
      const rows = await knex('desktop_connect_tickets').select();
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(ticket);
      expect(rows[0].ticket_hash).toMatch(/^[0-9a-f]{64}$/);

      expect(await tickets.consume(ticket)).toEqual({
        desktopId: 'abcdefabcdef',
        userEntityRef: 'user:default/ada',
        mode: 'control',
      });
      expect(await tickets.consume(ticket)).toBeUndefined();
      // another process (another instance on the same database) can't either
      expect(
        await new DatabaseConnectTickets({ knex }).consume(ticket),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'refuses unknown, malformed and expired tickets, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      let now = new Date('2027-03-01T10:00:00.000Z');
      const tickets = new DatabaseConnectTickets({
        knex,
        ttlSeconds: 30,
        now: () => now,
      });
      const { ticket } = await tickets.issue({
        desktopId: 'abcdefabcdef',
        userEntityRef: 'user:default/ada',
        mode: 'view',
      });
      expect(await tickets.consume('A'.repeat(43))).toBeUndefined();
      expect(await tickets.consume('')).toBeUndefined();
      expect(await tickets.consume(`${ticket}x`)).toBeUndefined();
      expect(await tickets.consume("' OR 1=1 --")).toBeUndefined();

      now = new Date('2027-03-01T10:00:30.000Z');
      expect(await tickets.consume(ticket)).toBeUndefined();
      expect(await tickets.purgeExpired()).toBe(1);
      expect(
        Number((await knex('desktop_connect_tickets').count({ n: '*' }))[0].n),
      ).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of many concurrent consumers win, %p',
    async databaseId => {
      const knex = await setup(databaseId);
      const { ticket } = await new DatabaseConnectTickets({ knex }).issue({
        desktopId: 'abcdefabcdef',
        userEntityRef: 'user:default/ada',
        mode: 'view',
      });
      const results = await Promise.all(
        Array.from({ length: 8 }, () =>
          new DatabaseConnectTickets({ knex }).consume(ticket),
        ),
      );
      expect(results.filter(r => r !== undefined)).toEqual([
        {
          desktopId: 'abcdefabcdef',
          userEntityRef: 'user:default/ada',
          mode: 'view',
        },
      ]);
    },
  );

  it('reads the TTL from config, default 30 s, at most 30 s', () => {
    expect(readTicketTtlSeconds(mockServices.rootConfig())).toBe(30);
    expect(
      readTicketTtlSeconds(
        mockServices.rootConfig({
          data: { desktops: { tickets: { ttlSeconds: 10 } } },
        }),
      ),
    ).toBe(10);
    expect(() =>
      readTicketTtlSeconds(
        mockServices.rootConfig({
          data: { desktops: { tickets: { ttlSeconds: 300 } } },
        }),
      ),
    ).toThrow(/1 to 30/);
  });
});
