import { randomBytes } from 'node:crypto';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { SignalPayload } from '@backstage/plugin-signals-node';
import {
  desktopPresenceChannel,
  DesktopPresenceSignal,
} from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';
import {
  connectWithTicket,
  endClients,
  eventually,
  homeFileExists,
  startGatewayTestDesktop,
  stillOpen,
} from '../__testUtils__/gatewayTestDesktop';
import { RecordingSignals } from '../__testUtils__/recordingSignals';
import { fixedDirectory } from '../__testUtils__/testAccounts';
import { AuditLog } from '../audit/AuditLog';
import { ControlHandOff } from '../control/ControlHandOff';
import { PresenceTracker } from '../control/PresenceTracker';
import { ShareChanges } from '../sharing/ShareChanges';
import { DesktopRecord } from '../store';
import { AuditStore } from '../store/AuditStore';
import { applyMigrations } from '../store/migrate';
import { RfbTestClient } from '../testUtils/rfbClient';
import { rfbMessages, typeText } from '../testUtils/rfbMessages';
import { serveGateway } from '../testUtils/serveGateway';
import { ACCESS_REVOKED_REASON, applyShareChanges } from './applyShareChanges';
import { GatewayCloseCode } from './closeCodes';
import { DatabaseConnectTickets } from './ConnectTickets';
import { createGateway, DesktopGateway } from './createGateway';

/** The presence messages (the channel also carries access changes). */
type PresenceChangedSignal = Extract<
  DesktopPresenceSignal,
  { type: 'presence-changed' }
>;

// Sharing on the live gateway, against a real desktop (Docker, the desktop
// image, Backstage's upgrade routing): revocation, downgrade and the
// control hand-off, proven by what typing does in the desktop's terminal.
jest.setTimeout(180_000);

const logger = mockServices.logger.mock();
const desktopId = `gs${randomBytes(5).toString('hex')}`;
const DISPLAY_PASSWORD = 'gs4Test!';
const alice = 'user:default/alice';
const bob = 'user:default/bob';
const teacher = 'user:default/teacher';
/** Time a dropped keystroke is given to show up, had it passed. */
const DROPPED_GRACE_MS = 3000;

describe('gateway sharing and control hand-off (real container)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let desktopInDocker: Awaited<ReturnType<typeof startGatewayTestDesktop>>;
  let tickets: DatabaseConnectTickets;
  let knex: Knex;
  let gateway: DesktopGateway;
  let server: Awaited<ReturnType<typeof serveGateway>> | undefined;
  let audit: AuditLog;
  let handOff: ControlHandOff;
  let presence: PresenceTracker;
  const signals = new RecordingSignals();
  const shareChanges = new ShareChanges(logger);
  const clients: RfbTestClient[] = [];
  const desktop = {
    id: desktopId,
    owner: alice,
    name: 'Shared',
    state: 'running',
    courseId: null,
  } as DesktopRecord;

  const connectAs = (user: string, mode: 'view' | 'control') =>
    connectWithTicket({
      baseUrl: server!.baseUrl,
      tickets,
      clients,
      desktopId,
      user,
      mode,
    });

  /** Types a shell command that creates `name` in the home folder. */
  function typeTouch(client: RfbTestClient, name: string) {
    client.send(typeText(`\ntouch /home/student/${name}\n`));
  }

  /** The file appears: the keys reached the terminal (retyped under load). */
  async function typedThrough(client: RfbTestClient, name: string) {
    for (let attempt = 0; attempt < 3; attempt++) {
      typeTouch(client, name);
      if (await eventually(() => homeFileExists(desktopId, name), 5_000)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The file never appears: a framebuffer round trip proves the gateway has
   * read the keys, then the terminal is given time to act on them.
   */
  async function droppedOn(client: RfbTestClient, name: string) {
    typeTouch(client, name);
    client.send(rfbMessages.setEncodings([0]));
    client.send(rfbMessages.framebufferUpdateRequest(false, 0, 0, 1, 1));
    await client.readFramebufferUpdate();
    await new Promise(r => setTimeout(r, DROPPED_GRACE_MS));
    return !(await homeFileExists(desktopId, name));
  }

  /** Proves the terminal takes keys now (from the owner). */
  async function terminalWorks(tag: string) {
    const owner = await connectAs(alice, 'control');
    expect(await typedThrough(owner, `owner-${tag}`)).toBe(true);
    owner.close();
    await owner.ended;
  }

  beforeAll(async () => {
    desktopInDocker = await startGatewayTestDesktop({
      runDirPrefix: 'lsgs-',
      deploymentId: `gs-${randomBytes(4).toString('hex')}`,
      desktopId,
      owner: alice,
      displayPassword: DISPLAY_PASSWORD,
      logger,
    });

    knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
    tickets = new DatabaseConnectTickets({ knex });
    gateway = createGateway({
      logger,
      tickets,
      desktops: desktopInDocker.desktops,
    });
    audit = new AuditLog({ store: new AuditStore(knex), logger });
    audit.recordConnections(gateway);
    shareChanges.subscribe(applyShareChanges({ gateway, tickets, logger }));
    // A short grace: the hand-back after a holder leaves is tested below.
    handOff = new ControlHandOff({
      gateway,
      audit,
      logger,
      holderGraceMs: 500,
    });
    presence = new PresenceTracker({
      gateway,
      directory: fixedDirectory,
      signals,
      logger,
      ownerOf: async id => (id === desktopId ? alice : undefined),
    });
    server = await serveGateway(gateway, logger);
  });

  afterEach(async () => {
    await endClients(clients, gateway);
    gateway.control.forgetDesktop(desktopId);
  });

  afterAll(async () => {
    presence?.close();
    handOff?.close();
    gateway?.close();
    await audit?.flush();
    await server?.close();
    await desktopInDocker?.remove();
  });

  it('revoking a share closes that person’s live connection within 1 s with "access revoked", and voids their unused tickets', async () => {
    const owner = await connectAs(alice, 'control');
    const viewer = await connectAs(bob, 'view');
    const controller = await connectAs(bob, 'control');
    const spare = await tickets.issue({
      desktopId,
      userEntityRef: bob,
      mode: 'view',
    });

    const started = performance.now();
    const published = shareChanges.publish({
      desktopId,
      grantee: bob,
      before: 'controller',
      after: null,
      changedBy: alice,
    });
    const [viewerEnd, controllerEnd] = await Promise.all([
      viewer.ended,
      controller.ended,
    ]);
    const elapsedMs = performance.now() - started;
    await published;

    expect(viewerEnd).toMatchObject({
      code: GatewayCloseCode.AccessRevoked,
      reason: ACCESS_REVOKED_REASON,
    });
    expect(controllerEnd).toMatchObject({
      code: GatewayCloseCode.AccessRevoked,
      reason: ACCESS_REVOKED_REASON,
    });
    expect(elapsedMs).toBeLessThan(1000);
    expect(await tickets.consume(spare.ticket)).toBeUndefined();
    // The owner's session goes on.
    expect(await stillOpen(owner)).toBe(true);
    expect(gateway.connections()).toEqual([
      { desktopId, userEntityRef: alice, mode: 'control' },
    ]);
  });

  it("a viewer's typed keys never reach the desktop; the same typing through a control grant does", async () => {
    const viewer = await connectAs(bob, 'view');
    // Even holding the control, a view connection stays view.
    gateway.control.give(desktopId, bob, 'granted');
    expect(await droppedOn(viewer, 'bob-typed')).toBe(true);

    const controller = await connectAs(bob, 'control');
    expect(await typedThrough(controller, 'bob-typed')).toBe(true);
  });

  it("drops a share controller's input until they hold the control, passes it after the grant, drops it again after the release", async () => {
    const controller = await connectAs(bob, 'control');
    expect(await droppedOn(controller, 'before-grant')).toBe(true);
    await terminalWorks('before-grant');

    await handOff.request(desktop, bob);
    await handOff.grant(desktop, alice, bob);
    expect(await typedThrough(controller, 'after-grant')).toBe(true);

    await handOff.release(desktop, alice);
    expect(await droppedOn(controller, 'after-release')).toBe(true);
    await terminalWorks('after-release');
    expect(await homeFileExists(desktopId, 'before-grant')).toBe(false);

    const entries = await audit.store.list(
      { desktopId, action: 'control.grant' },
      { limit: 10 },
    );
    expect(entries.items).toMatchObject([
      { actor: alice, subject: bob, desktopOwner: alice },
    ]);
  });

  it('downgrading a controller to viewer drops their input from that moment, keeping the connection open in view mode', async () => {
    const controller = await connectAs(bob, 'control');
    gateway.control.give(desktopId, bob, 'granted');
    expect(await typedThrough(controller, 'while-controller')).toBe(true);
    const unused = await tickets.issue({
      desktopId,
      userEntityRef: bob,
      mode: 'control',
    });

    await shareChanges.publish({
      desktopId,
      grantee: bob,
      before: 'controller',
      after: 'viewer',
      changedBy: alice,
    });
    expect(gateway.control.holder(desktopId)).toBeUndefined();
    expect(gateway.sessions(desktopId)).toMatchObject([
      { userEntityRef: bob, mode: 'view', hasInput: false },
    ]);
    expect(await droppedOn(controller, 'after-downgrade')).toBe(true);
    // Handing the control to them again does not revive this connection.
    gateway.control.give(desktopId, bob, 'granted');
    expect(await droppedOn(controller, 'after-regrant')).toBe(true);
    await terminalWorks('after-downgrade');
    expect(await tickets.consume(unused.ticket)).toBeUndefined();
    // still open, watching
    expect(await stillOpen(controller)).toBe(true);
  });

  it('tells the owner and the watchers who is here and who has control, live', async () => {
    const owner = await connectAs(alice, 'control');
    await connectAs(bob, 'view');
    await connectAs(teacher, 'control');
    await handOff.take({ ...desktop, courseId: 'cs101' }, teacher);

    const lastSignal = () =>
      signals.published
        .filter(s => s.channel === desktopPresenceChannel(desktopId))
        .at(-1) as unknown as SignalPayload<PresenceChangedSignal> | undefined;
    const settled = await eventually(async () => {
      const message = lastSignal()?.message;
      return Boolean(
        message?.presence.control?.userEntityRef === teacher &&
          message.presence.people.length === 3,
      );
    }, 5_000);
    expect(settled).toBe(true);
    const signal = lastSignal()!;
    expect(signal.recipients).toEqual({
      type: 'user',
      entityRef: expect.arrayContaining([alice, bob, teacher]),
    });
    const current = await presence.presence(desktopId, alice);
    expect(current).toEqual(signal.message.presence);
    expect(current.control).toMatchObject({
      userEntityRef: teacher,
      how: 'taken',
    });
    expect(
      current.people.map(p => [p.userEntityRef, p.mode, p.hasControl]),
    ).toEqual(
      expect.arrayContaining([
        [alice, 'control', true],
        [bob, 'view', false],
        [teacher, 'control', true],
      ]),
    );
    expect(current.people.find(p => p.userEntityRef === bob)?.displayName).toBe(
      (await fixedDirectory.getUserByRef(bob))!.displayName,
    );

    // the holder leaving hands the control back to the owner, once the
    // grace for a reconnect has passed
    const teacherClient = clients.at(-1)!;
    teacherClient.close();
    await teacherClient.ended;
    expect(
      await eventually(
        async () => gateway.control.holder(desktopId) === undefined,
        5_000,
      ),
    ).toBe(true);
    owner.close();
    await owner.ended;
  });

  it('writes every connection’s open and close to the audit log, paired into visits', async () => {
    const viewer = await connectAs(bob, 'view');
    const [session] = gateway.sessions(desktopId);
    viewer.close();
    await viewer.ended;
    await eventually(async () => gateway.connectionCount() === 0, 5_000);
    await audit.flush();
    const visits = await audit.store.visits(
      desktopId,
      { limit: 100 },
      { excludeUser: alice },
    );
    expect(visits.items[0]).toMatchObject({
      connectionId: session.connectionId,
      userEntityRef: bob,
      mode: 'view',
      openedAt: session.openedAt.toISOString(),
    });
    expect(visits.items[0].closedAt! >= visits.items[0].openedAt).toBe(true);
    expect(visits.items.every(v => v.userEntityRef !== alice)).toBe(true);
  });
});
