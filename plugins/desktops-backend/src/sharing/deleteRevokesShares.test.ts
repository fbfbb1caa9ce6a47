import { mockServices } from '@backstage/backend-test-utils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { createDesktops } from '../createDesktops';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { fixedDirectory } from '../__testUtils__/testAccounts';
import { DEFAULT_DESKTOP_IMAGES, ImageCatalog } from '../images/catalog';
import { defaultDesktopsSettings } from '../service/settings';
import { applyMigrations, createDesktopsStore } from '../store';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
import { ShareChange } from './ShareChanges';

jest.setTimeout(60_000);

const alice = 'user:default/alice';

/**
 * Deleting a desktop deletes its shares and publishes each as revoked, so
 * the gateway cuts those people off (runtime: the in-memory stand-in; the
 * shares are the subject).
 */
describe('deleting a shared desktop', () => {
  const databases = requiredTestDatabases('deleting a shared desktop');

  it.each(databases.eachSupportedId())(
    'removes its shares and publishes each as revoked, by whoever deleted it, %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await applyMigrations(knex);
      const store = createDesktopsStore(knex);
      const runtime = new InMemoryRuntime();
      const { service, shareChanges } = createDesktops({
        store,
        runtime,
        catalog: ImageCatalog.of(DEFAULT_DESKTOP_IMAGES),
        directory: fixedDirectory,
        signals: new RecordingSignals(),
        logger: mockServices.logger.mock(),
        settings: defaultDesktopsSettings(),
        vault: VncPasswordVault.fromSecret('delete revokes shares test key'),
      });
      const changes: ShareChange[] = [];
      shareChanges.subscribe(change => {
        changes.push(change);
      });

      const doomed = await service.create({
        owner: alice,
        imageId: 'linux-desktop',
        requestedAt: new Date(),
      });
      const kept = await service.create({
        owner: alice,
        imageId: 'linux-desktop',
        requestedAt: new Date(),
      });
      await service.settled();
      for (const [desktopId, grantee, role] of [
        [doomed.id, 'user:default/bob', 'viewer'],
        [doomed.id, 'user:default/carol', 'controller'],
        [kept.id, 'user:default/bob', 'viewer'],
      ] as const) {
        await store.shares.put({ desktopId, grantee, role, grantedBy: alice });
      }

      await service.delete(doomed.id, { by: 'user:default/root' });

      expect(
        changes.sort((a, b) => a.grantee.localeCompare(b.grantee)),
      ).toEqual([
        {
          desktopId: doomed.id,
          grantee: 'user:default/bob',
          before: 'viewer',
          after: null,
          changedBy: 'user:default/root',
        },
        {
          desktopId: doomed.id,
          grantee: 'user:default/carol',
          before: 'controller',
          after: null,
          changedBy: 'user:default/root',
        },
      ]);
      expect(await store.shares.listForDesktop(doomed.id)).toEqual([]);
      expect(
        (await store.shares.listForGrantee('user:default/bob')).map(
          s => s.desktopId,
        ),
      ).toEqual([kept.id]);

      // Without `by`, the owner is who ended the shares.
      changes.length = 0;
      await service.delete(kept.id);
      expect(changes.map(c => [c.grantee, c.changedBy])).toEqual([
        ['user:default/bob', alice],
      ]);

      await service.close();
      await runtime.dispose();
    },
  );
});
