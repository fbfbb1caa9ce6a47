import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { applyMigrations, createDesktopsStore, newDesktopId } from './index';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';
const carol = 'user:default/carol';

describe('desktop shares store', () => {
  const databases = requiredTestDatabases('desktop shares store tests');

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return createDesktopsStore(knex);
  }

  async function aliceDesktop(store: Awaited<ReturnType<typeof createStore>>) {
    return store.desktops.insert({
      id: newDesktopId(),
      owner: alice,
      name: 'Lab',
      imageId: 'linux-desktop',
      imageRef: 'labstage/desktop:latest',
      imageTitle: 'Linux desktop',
      resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
      launchRequestedAt: nowIso(),
    });
  }

  it.each(databases.eachSupportedId())(
    'invites, changes the role (telling the role before), lists and revokes, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const d = await aliceDesktop(store);

      const invited = await store.shares.put({
        desktopId: d.id,
        grantee: 'user:default/BOB',
        role: 'viewer',
        grantedBy: alice,
      });
      expect(invited.before).toBeNull();
      expect(invited.share).toMatchObject({
        desktopId: d.id,
        grantee: bob,
        role: 'viewer',
        grantedBy: alice,
      });
      expect(invited.share.updatedAt).toBe(invited.share.grantedAt);
      await store.shares.put({
        desktopId: d.id,
        grantee: carol,
        role: 'controller',
        grantedBy: alice,
      });

      const upgraded = await store.shares.put({
        desktopId: d.id,
        grantee: bob,
        role: 'controller',
        grantedBy: 'user:default/root',
      });
      expect(upgraded.before).toBe('viewer');
      // The first invitation stays on record; the change moves updatedAt.
      expect(upgraded.share).toMatchObject({
        role: 'controller',
        grantedBy: alice,
        grantedAt: invited.share.grantedAt,
      });
      expect(upgraded.share.updatedAt > invited.share.updatedAt).toBe(true);

      expect(
        (await store.shares.listForDesktop(d.id)).map(s => [s.grantee, s.role]),
      ).toEqual([
        [bob, 'controller'],
        [carol, 'controller'],
      ]);
      expect(await store.shares.get(d.id, 'user:default/Bob')).toEqual(
        upgraded.share,
      );
      expect(
        (await store.shares.listForGrantee(bob)).map(s => s.desktopId),
      ).toEqual([d.id]);

      expect(await store.shares.delete(d.id, bob)).toEqual(upgraded.share);
      expect(await store.shares.delete(d.id, bob)).toBeUndefined();
      expect(await store.shares.get(d.id, bob)).toBeUndefined();
      expect(await store.shares.listForGrantee(bob)).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'lists what a person was invited to, newest first, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const first = await aliceDesktop(store);
      const second = await aliceDesktop(store);
      for (const d of [first, second]) {
        await store.shares.put({
          desktopId: d.id,
          grantee: bob,
          role: 'viewer',
          grantedBy: alice,
        });
      }
      expect(
        (await store.shares.listForGrantee(bob)).map(s => s.desktopId),
      ).toEqual([second.id, first.id]);
      expect(
        (await store.shares.listForDesktops([first.id, second.id])).length,
      ).toBe(2);
      expect(await store.shares.listForDesktops([])).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    "removes a desktop's shares, and a person's, returning what went, %p",
    async databaseId => {
      const store = await createStore(databaseId);
      const d1 = await aliceDesktop(store);
      const d2 = await aliceDesktop(store);
      const share = (desktopId: string, grantee: string) =>
        store.shares.put({
          desktopId,
          grantee,
          role: 'viewer',
          grantedBy: alice,
        });
      await share(d1.id, bob);
      await share(d1.id, carol);
      await share(d2.id, bob);
      await share(d2.id, carol);

      expect(
        (await store.shares.deleteForDesktop(d1.id)).map(s => s.grantee).sort(),
      ).toEqual([bob, carol]);
      expect(await store.shares.listForDesktop(d1.id)).toEqual([]);
      expect(await store.shares.deleteForDesktop(d1.id)).toEqual([]);

      expect(
        (await store.shares.deleteForGrantee('user:default/CAROL')).map(
          s => s.desktopId,
        ),
      ).toEqual([d2.id]);
      expect(
        (await store.shares.listForDesktop(d2.id)).map(s => s.grantee),
      ).toEqual([bob]);
    },
  );

  it.each(databases.eachSupportedId())(
    'makes exactly one of many concurrent first invitations the invitation, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const d = await aliceDesktop(store);
      const results = await Promise.all(
        (['viewer', 'controller', 'viewer', 'controller'] as const).map(role =>
          store.shares.put({
            desktopId: d.id,
            grantee: bob,
            role,
            grantedBy: alice,
          }),
        ),
      );
      expect(results.filter(r => r.before === null)).toHaveLength(1);
      expect(await store.shares.listForDesktop(d.id)).toHaveLength(1);
    },
  );
});
