import { mockServices } from '@backstage/backend-test-utils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { AuditLog, readAuditRetentionDays } from '../audit/AuditLog';
import { ShareChanges } from '../sharing/ShareChanges';
import { AuditStore } from './AuditStore';
import { applyMigrations } from './migrate';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const root = 'user:default/root';
const desk = 'abcdefabcdef';
const other = 'zyxwvuzyxwvu';

describe('desktop audit log', () => {
  const databases = requiredTestDatabases('desktop audit log tests');

  async function createStore(
    databaseId: Parameters<typeof databases.init>[0],
    now?: () => Date,
  ) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return { knex, store: new AuditStore(knex, { now }) };
  }

  it('has no way to change or remove a chosen entry', () => {
    // Append-only by construction: besides reading, the store can append
    // and purge by age (retention), nothing else.
    expect(Object.getOwnPropertyNames(AuditStore.prototype).sort()).toEqual([
      'append',
      'constructor',
      'list',
      'purgeOlderThan',
      'visits',
    ]);
  });

  it.each(databases.eachSupportedId())(
    'appends entries and lists them newest first, filtered and paged, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const at = (s: number) => new Date(Date.UTC(2026, 10, 29, 9, 0, s));
      await store.append({
        at: at(1),
        action: 'share.grant',
        desktopId: desk,
        desktopOwner: alice,
        actor: alice,
        subject: bob,
        details: { before: null, after: 'viewer' },
      });
      await store.append({
        at: at(2),
        action: 'connection.open',
        desktopId: desk,
        desktopOwner: alice,
        actor: bob,
        connectionId: 'c1',
        mode: 'view',
      });
      await store.append({
        at: at(3),
        action: 'desktop.stop',
        desktopId: other,
        desktopOwner: bob,
        actor: root,
        subject: bob,
      });
      await store.append({
        at: at(4),
        action: 'connection.close',
        desktopId: desk,
        desktopOwner: alice,
        actor: bob,
        connectionId: 'c1',
        mode: 'view',
        details: { reason: 'access revoked' },
      });

      const all = await store.list({}, { limit: 10 });
      expect(all.items.map(e => e.action)).toEqual([
        'connection.close',
        'desktop.stop',
        'connection.open',
        'share.grant',
      ]);
      expect(all.nextCursor).toBeNull();
      expect(all.items[3]).toEqual({
        id: expect.stringMatching(/^[0-9]+$/),
        at: '2026-11-29T09:00:01.000Z',
        action: 'share.grant',
        desktopId: desk,
        desktopOwner: alice,
        actor: alice,
        subject: bob,
        connectionId: null,
        mode: null,
        details: { before: null, after: 'viewer' },
      });

      // bob as actor or subject: all four
      expect(
        (await store.list({ user: bob }, { limit: 10 })).items,
      ).toHaveLength(4);
      expect(
        (await store.list({ user: root }, { limit: 10 })).items.map(
          e => e.action,
        ),
      ).toEqual(['desktop.stop']);
      expect(
        (
          await store.list(
            { desktopId: desk, action: 'connection.open' },
            { limit: 10 },
          )
        ).items,
      ).toHaveLength(1);
      expect(
        (await store.list({ from: at(2), to: at(3) }, { limit: 10 })).items.map(
          e => e.action,
        ),
      ).toEqual(['desktop.stop', 'connection.open']);

      const first = await store.list({}, { limit: 3 });
      expect(first.items).toHaveLength(3);
      const second = await store.list(
        {},
        { limit: 3, cursor: first.nextCursor! },
      );
      expect(second.items.map(e => e.action)).toEqual(['share.grant']);
      expect(second.nextCursor).toBeNull();
    },
  );

  it.each(databases.eachSupportedId())(
    "pairs a desktop's opens and closes into visits, leaving the owner out, %p",
    async databaseId => {
      const { store } = await createStore(databaseId);
      const open = (id: string, user: string, s: number) =>
        store.append({
          at: new Date(Date.UTC(2026, 10, 29, 10, 0, s)),
          action: 'connection.open',
          desktopId: desk,
          desktopOwner: alice,
          actor: user,
          connectionId: id,
          mode: user === bob ? 'control' : 'view',
        });
      const close = (id: string, user: string, s: number) =>
        store.append({
          at: new Date(Date.UTC(2026, 10, 29, 10, 0, s)),
          action: 'connection.close',
          desktopId: desk,
          desktopOwner: alice,
          actor: user,
          connectionId: id,
          mode: 'view',
        });
      await open('a1', alice, 0);
      await open('b1', bob, 1);
      await open('c1', 'user:default/carol', 2);
      await close('b1', bob, 5);
      await close('a1', alice, 6);

      const visits = await store.visits(
        desk,
        { limit: 10 },
        { excludeUser: alice },
      );
      expect(visits).toEqual({
        items: [
          {
            connectionId: 'c1',
            userEntityRef: 'user:default/carol',
            mode: 'view',
            openedAt: '2026-11-29T10:00:02.000Z',
            closedAt: null,
          },
          {
            connectionId: 'b1',
            userEntityRef: bob,
            mode: 'control',
            openedAt: '2026-11-29T10:00:01.000Z',
            closedAt: '2026-11-29T10:00:05.000Z',
          },
        ],
        nextCursor: null,
      });
      const paged = await store.visits(
        desk,
        { limit: 1 },
        { excludeUser: alice },
      );
      expect(paged.items.map(v => v.connectionId)).toEqual(['c1']);
      expect(
        (
          await store.visits(
            desk,
            { limit: 1, cursor: paged.nextCursor! },
            { excludeUser: alice },
          )
        ).items.map(v => v.connectionId),
      ).toEqual(['b1']);
      expect((await store.visits(other, { limit: 10 })).items).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'purges only entries past the retention, on a fake clock, %p',
    async databaseId => {
      let clock = new Date('2026-11-29T12:00:00.000Z');
      const { store } = await createStore(databaseId, () => clock);
      const log = new AuditLog({
        store,
        logger: mockServices.logger.mock(),
        retentionDays: 30,
        now: () => clock,
      });
      const day = 24 * 60 * 60 * 1000;
      for (const age of [40, 31, 29, 1]) {
        await log.append({
          at: new Date(clock.getTime() - age * day),
          action: 'desktop.stop',
          desktopId: desk,
          desktopOwner: alice,
          actor: root,
          subject: alice,
        });
      }
      expect(await log.purgeExpired()).toBe(2);
      expect((await store.list({}, { limit: 10 })).items).toHaveLength(2);
      // Time passes: the 29-day-old entry is now 31 days old.
      clock = new Date(clock.getTime() + 2 * day);
      expect(await log.purgeExpired()).toBe(1);
      expect((await store.list({}, { limit: 10 })).items).toHaveLength(1);
      expect(await log.purgeExpired()).toBe(0);
    },
  );

  it.each(databases.eachSupportedId())(
    'records share grants, changes and revokes as they are published, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const logger = mockServices.logger.mock();
      const log = new AuditLog({ store, logger });
      const changes = new ShareChanges(logger);
      log.recordShareChanges(changes, async id =>
        id === desk ? alice : undefined,
      );
      const change = {
        desktopId: desk,
        grantee: bob,
        changedBy: alice,
      };
      await changes.publish({ ...change, before: null, after: 'viewer' });
      await changes.publish({
        ...change,
        before: 'viewer',
        after: 'controller',
      });
      await changes.publish({ ...change, before: 'controller', after: null });
      const entries = (await store.list({ desktopId: desk }, { limit: 10 }))
        .items;
      expect(
        entries.map(e => [e.action, e.actor, e.subject, e.details]),
      ).toEqual([
        ['share.revoke', alice, bob, { before: 'controller', after: null }],
        ['share.change', alice, bob, { before: 'viewer', after: 'controller' }],
        ['share.grant', alice, bob, { before: null, after: 'viewer' }],
      ]);
      expect(entries.every(e => e.desktopOwner === alice)).toBe(true);
    },
  );

  it('validates desktops.audit.retentionDays', () => {
    const read = (retentionDays?: unknown) =>
      readAuditRetentionDays(
        mockServices.rootConfig({
          data:
            retentionDays === undefined
              ? {}
              : { desktops: { audit: { retentionDays } } },
        }),
      );
    expect(read()).toBe(365);
    expect(read(30)).toBe(30);
    expect(() => read(0)).toThrow(
      'desktops.audit.retentionDays must be a whole number of days from 1 to 36500, got 0',
    );
    expect(() => read(1.5)).toThrow(/got 1.5/);
    expect(() => read(100_000)).toThrow(/got 100000/);
  });
});
