import { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import {
  applyMigrations,
  createDesktopsStore,
  isDesktopId,
  newDesktopId,
} from './index';

jest.setTimeout(60_000);

const resources = { cpus: 1, memoryMiB: 1536, pids: 512 };

describe('desktops store', () => {
  const databases = requiredTestDatabases('desktops store tests');

  async function createStore(databaseId: Parameters<typeof databases.init>[0]) {
    const knex = await databases.init(databaseId);
    await applyMigrations(knex);
    return createDesktopsStore(knex);
  }

  function newDesktop(owner: string, name = 'Desktop') {
    return {
      id: newDesktopId(),
      owner,
      name,
      imageId: 'linux-desktop',
      imageRef: 'labstage/desktop:latest',
      imageTitle: 'Linux desktop',
      resources,
      launchRequestedAt: nowIso(),
    };
  }

  it('makes short lowercase ids', () => {
    const ids = new Set(Array.from({ length: 200 }, () => newDesktopId()));
    expect(ids.size).toBe(200);
    expect([...ids].filter(id => !isDesktopId(id))).toEqual([]);
  });

  it.each(databases.eachSupportedId())(
    'inserts, reads, lists by owner and renames, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const a = await store.desktops.insert(
        newDesktop('user:default/alice', 'A'),
      );
      const b = await store.desktops.insert(
        newDesktop('user:default/alice', 'B'),
      );
      await store.desktops.insert(newDesktop('user:default/bob', 'C'));

      expect(a).toMatchObject({
        state: 'pending',
        stateReason: null,
        resources,
        courseId: null,
        startedAt: null,
      });
      expect(await store.desktops.get(a.id)).toEqual(a);
      expect(await store.desktops.get('nope00000000')).toBeUndefined();
      expect(
        (await store.desktops.listByOwner('user:default/alice')).map(
          d => d.name,
        ),
      ).toEqual(['A', 'B']);
      expect(await store.desktops.listAll()).toHaveLength(3);
      expect(
        (await store.desktops.getMany([b.id, 'missing00000'])).map(d => d.id),
      ).toEqual([b.id]);

      const renamed = await store.desktops.rename(a.id, 'Renamed');
      expect(renamed?.name).toBe('Renamed');
      expect(renamed!.updatedAt > a.updatedAt).toBe(true);

      expect(await store.desktops.delete(a.id)).toBe(true);
      expect(await store.desktops.delete(a.id)).toBe(false);
      expect(await store.desktops.get(a.id)).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'moves state only along the state machine, with the patch, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const d = await store.desktops.insert(newDesktop('user:default/alice'));

      await expect(
        store.desktops.transition(d.id, 'pending', 'running'),
      ).rejects.toThrow('A desktop cannot go from pending to running');

      const starting = await store.desktops.transition(
        d.id,
        'pending',
        'starting',
        { runtimeHandle: 'abc', resources: { ...resources, cpus: 2 } },
      );
      expect(starting).toMatchObject({
        state: 'starting',
        runtimeHandle: 'abc',
        resources: { cpus: 2, memoryMiB: 1536, pids: 512 },
      });

      // The caller's idea of the current state is stale: nothing changes.
      expect(
        await store.desktops.transition(d.id, 'pending', 'error', {
          stateReason: 'stale',
        }),
      ).toBeUndefined();
      expect((await store.desktops.get(d.id))?.state).toBe('starting');

      const startedAt = nowIso();
      const running = await store.desktops.transition(
        d.id,
        'starting',
        'running',
        { startedAt, stateReason: null },
      );
      expect(running).toMatchObject({ state: 'running', startedAt });

      const failed = await store.desktops.transition(d.id, 'running', 'error', {
        stateReason: 'The desktop ran out of memory',
      });
      expect(failed).toMatchObject({
        state: 'error',
        stateReason: 'The desktop ran out of memory',
        startedAt,
      });
      expect(
        await store.desktops.transition('missing00000', 'error', 'starting'),
      ).toBeUndefined();
    },
  );

  it.each(databases.eachSupportedId())(
    'lets exactly one of many concurrent transitions win, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const d = await store.desktops.insert(newDesktop('user:default/alice'));
      await store.desktops.transition(d.id, 'pending', 'starting');
      await store.desktops.transition(d.id, 'starting', 'running');

      const targets: DesktopState[] = [
        'stopping',
        'error',
        'stopping',
        'error',
      ];
      const results = await Promise.all(
        targets.map(to =>
          store.desktops.transition(d.id, 'running', to, { stateReason: to }),
        ),
      );
      const winners = results.filter(r => r !== undefined);
      expect(winners).toHaveLength(1);
      const stored = await store.desktops.get(d.id);
      expect(stored?.state).toBe(winners[0]!.state);
      expect(stored?.stateReason).toBe(winners[0]!.state);
    },
  );

  it.each(databases.eachSupportedId())(
    'counts active desktops per owner and lists by state, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const alice = 'user:default/alice';
      const d1 = await store.desktops.insert(newDesktop(alice));
      const d2 = await store.desktops.insert(newDesktop(alice));
      const d3 = await store.desktops.insert(newDesktop(alice));
      await store.desktops.insert(newDesktop('user:default/bob'));
      expect(await store.desktops.countActive(alice)).toBe(3);

      await store.desktops.transition(d1.id, 'pending', 'starting');
      await store.desktops.transition(d1.id, 'starting', 'running');
      await store.desktops.transition(d2.id, 'pending', 'error');
      await store.desktops.transition(d3.id, 'pending', 'starting');
      await store.desktops.transition(d3.id, 'starting', 'stopping');
      await store.desktops.transition(d3.id, 'stopping', 'stopped');
      expect(await store.desktops.countActive(alice)).toBe(1);
      expect(
        (await store.desktops.listInStates(['running', 'error'])).map(
          d => d.id,
        ),
      ).toEqual([d1.id, d2.id]);
    },
  );

  it.each(databases.eachSupportedId())(
    'records input and viewer activity separately, %p',
    async databaseId => {
      const store = await createStore(databaseId);
      const d = await store.desktops.insert(newDesktop('user:default/alice'));
      const t1 = nowIso();
      await store.desktops.recordActivity(d.id, 'input', t1);
      const t2 = nowIso();
      await store.desktops.recordActivity(d.id, 'viewer', t2);
      expect(await store.desktops.get(d.id)).toMatchObject({
        lastInputAt: t1,
        lastViewerAt: t2,
      });
    },
  );
});
