import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { RuntimeEvent } from '@internal/backstage-plugin-desktops-node';
import { Knex } from 'knex';
import { createDesktops, Desktops } from '../createDesktops';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { fixedDirectory } from '../__testUtils__/testAccounts';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { DEFAULT_DESKTOP_IMAGES, ImageCatalog } from '../images/catalog';
import { defaultDesktopsSettings } from '../service/settings';
import { applyMigrations, createDesktopsStore } from '../store';
import { VncPasswordVault } from '../vnc/VncPasswordVault';
import { Reconciler } from './Reconciler';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const killed =
  'The desktop was killed (exit code 137). Start it again; your home folder is kept.';

/**
 * Runtime events reach the reconcile decisions, each for one `inspect`
 * (the launch's own `started` included).
 */
describe('runtime events', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let knex: Knex;
  let runtime: InMemoryRuntime;
  let desktops: Desktops;
  let reconciler: Reconciler;
  let events: RuntimeEvent[];
  let inspect: jest.SpyInstance;

  beforeEach(async () => {
    knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
    runtime = new InMemoryRuntime();
    events = [];
    runtime.watch(event => events.push(event));
    inspect = jest.spyOn(runtime, 'inspect');
    const logger = mockServices.logger.mock();
    const settings = defaultDesktopsSettings();
    desktops = createDesktops({
      store: createDesktopsStore(knex),
      runtime,
      catalog: ImageCatalog.of(DEFAULT_DESKTOP_IMAGES),
      directory: fixedDirectory,
      signals: new RecordingSignals(),
      logger,
      settings,
      vault: VncPasswordVault.fromSecret('runtime events test key'),
    });
    // Only the event stream: no full pass runs in these tests.
    reconciler = new Reconciler({
      ...desktops,
      runtime,
      logger,
      idleStopMinutes: 0,
    });
    reconciler.watch();
  });

  afterEach(async () => {
    reconciler.stop();
    await desktops.service.close();
    await runtime.dispose();
  });

  async function launch() {
    const { id } = await desktops.service.create({
      owner: alice,
      imageId: 'linux-desktop',
      requestedAt: new Date(),
    });
    // Probed with list(), which the inspect count below leaves alone.
    await waitFor(
      'the workload to run',
      async () =>
        (
          await runtime.list()
        ).some(s => s.desktopId === id && s.state === 'running')
          ? true
          : undefined,
      10_000,
    );
    return id;
  }

  function stateOf(id: string, state: string) {
    return waitFor(
      `desktop ${id} to be ${state}`,
      async () => {
        const d = await desktops.service.find(id);
        return d?.state === state ? d : undefined;
      },
      10_000,
    );
  }

  /** Lets any reconcile the event queued run to its end. */
  async function quiet() {
    await desktops.service.settled();
    await new Promise(resolve => setTimeout(resolve, 500));
  }

  it('fails a launch whose workload dies while it waits for the display, for one inspect', async () => {
    runtime.silentDisplays = true;
    const id = await launch();
    // The launch has its container and keeps asking the display to greet.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect((await desktops.service.find(id))?.state).toBe('starting');

    await runtime.crash(id, 137);
    const failed = await stateOf(id, 'error');
    expect(failed.stateReason).toBe(killed);
    await quiet();
    expect(events.map(e => e.type)).toEqual(['started', 'died']);
    expect(inspect).toHaveBeenCalledTimes(events.length);
  });

  it('marks a running desktop whose workload dies as error, for one inspect', async () => {
    const id = await launch();
    await stateOf(id, 'running');

    await runtime.crash(id, 137);
    const failed = await stateOf(id, 'error');
    expect(failed.stateReason).toBe(killed);
    await quiet();
    expect(events.map(e => e.type)).toEqual(['started', 'died']);
    expect(inspect).toHaveBeenCalledTimes(events.length);
  });
});
