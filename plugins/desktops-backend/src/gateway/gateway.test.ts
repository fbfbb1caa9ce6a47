import {
  connectWithTicket,
  endClients,
  eventually,
  homeFileExists,
  startGatewayTestDesktop,
  stillOpen,
  TestDesktops,
} from '../__testUtils__/gatewayTestDesktop';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Meter } from '@opentelemetry/api';
import { Knex } from 'knex';
import { openRfbClient, RfbTestClient } from '../testUtils/rfbClient';
import { rfbMessages, typeText } from '../testUtils/rfbMessages';
import { serveGateway } from '../testUtils/serveGateway';
import { GatewayCloseCode } from './closeCodes';
import { DatabaseConnectTickets } from './ConnectTickets';
import { createGateway, DesktopGateway } from './createGateway';
import { revokeOnAccountChange } from './revokeOnAccountChange';

// Real Docker Engine, the real desktop image and Backstage's own upgrade
// routing (DefaultRootHttpRouter); scripts/test starts Docker.
jest.setTimeout(120_000);

const logger = mockServices.logger.mock();
const deploymentId = `gw-${randomBytes(4).toString('hex')}`;
const desktopA = `gw${randomBytes(5).toString('hex')}`;
const desktopB = `gw${randomBytes(5).toString('hex')}`;
const DISPLAY_PASSWORD = 'gw4Test!';

/** Records what the gateway adds to its instruments, by name and attributes. */
function createRecordingMeter() {
  const totals = new Map<string, number>();
  const instrument = (name: string) => ({
    add(value: number, attributes: Record<string, string> = {}) {
      const key = `${name}${JSON.stringify(attributes)}`;
      totals.set(key, (totals.get(key) ?? 0) + value);
    },
  });
  const meter = {
    createCounter: instrument,
    createUpDownCounter: instrument,
  } as unknown as Meter;
  const total = (name: string, attributes: Record<string, string>) =>
    totals.get(`${name}${JSON.stringify(attributes)}`) ?? 0;
  return { meter, total };
}

async function migrate(knex: Knex) {
  const name = '20261125111034_connect_tickets.js';
  const file = join(
    resolvePackagePath(
      '@internal/backstage-plugin-desktops-backend',
      'migrations',
    ),
    name,
  );
  await knex.migrate.latest({
    tableName: 'gateway_test_migrations',
    migrationSource: {
      getMigrations: async () => [name],
      getMigrationName: (n: string) => n,
      getMigration: async () => require(file),
    },
  });
}

describe('desktop gateway (real container)', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let desktop: Awaited<ReturnType<typeof startGatewayTestDesktop>>;
  let desktops: TestDesktops;
  let tickets: DatabaseConnectTickets;
  let knex: Knex;
  let gateway: DesktopGateway;
  let server: Awaited<ReturnType<typeof serveGateway>> | undefined;
  let baseUrl: string;
  const clients: RfbTestClient[] = [];
  const recorded = createRecordingMeter();

  function connect(query: string, protocols?: string[]) {
    return openRfbClient(
      `${baseUrl}/api/desktops/connect${query}`,
      protocols,
    ).then(c => {
      clients.push(c);
      return c;
    });
  }

  async function ticketFor(mode: 'view' | 'control', desktopId = desktopA) {
    const { ticket } = await tickets.issue({
      desktopId,
      userEntityRef: 'user:default/ada',
      mode,
    });
    return ticket;
  }

  beforeAll(async () => {
    desktop = await startGatewayTestDesktop({
      runDirPrefix: 'lsgw-',
      deploymentId,
      desktopId: desktopA,
      owner: 'user:default/ada',
      displayPassword: DISPLAY_PASSWORD,
      logger,
    });
    desktops = desktop.desktops;

    knex = await databases.init('SQLITE_3');
    await migrate(knex);
    tickets = new DatabaseConnectTickets({ knex });
    gateway = createGateway({
      logger,
      tickets,
      desktops,
      maxConnectionsPerDesktop: 4,
      meter: recorded.meter,
    });

    server = await serveGateway(gateway, logger);
    baseUrl = server.baseUrl;
  });

  afterEach(() => endClients(clients, gateway));

  afterAll(async () => {
    gateway?.close();
    await server?.close();
    await desktop?.remove();
  });

  it('relays a full RFB session for a control ticket', async () => {
    expect(gateway.webSocketHandler).toMatchObject({
      path: '/connect',
      authPolicy: 'unauthenticated',
    });
    const client = await connect(
      `?ticket=${await ticketFor('control')}&mode=control&desktop=${desktopA}`,
    );
    const init = await client.handshake();
    expect(init).toMatchObject({ width: 1280, height: 800, bitsPerPixel: 32 });
    client.send(rfbMessages.setEncodings([0]));
    client.send(
      rfbMessages.framebufferUpdateRequest(
        false,
        0,
        0,
        init.width,
        init.height,
      ),
    );
    const rects = await client.readFramebufferUpdate();
    const pixels = rects.reduce((sum, r) => sum + r.width * r.height, 0);
    expect(pixels).toBe(1280 * 800);
    expect(gateway.connectionCount(desktopA)).toBe(1);
    expect(desktops.activity).toContainEqual({
      desktopId: desktopA,
      kind: 'viewer',
    });

    const { total } = recorded;
    expect(total('labstage_gateway_connections', { mode: 'control' })).toBe(1);
    expect(
      total('labstage_gateway_connections_total', {
        mode: 'control',
        outcome: 'accepted',
      }),
    ).toBe(1);
    client.close();
    await client.ended;
    await eventually(async () => gateway.connectionCount() === 0, 5_000);
    expect(total('labstage_gateway_connections', { mode: 'control' })).toBe(0);
    expect(
      total('labstage_gateway_bytes', { direction: 'to_browser' }),
    ).toBeGreaterThan(1280 * 800 * 4);
    expect(
      total('labstage_gateway_bytes', { direction: 'to_desktop' }),
    ).toBeGreaterThan(0);
  });

  it('delivers every byte after the viewer stalls (back-pressure pauses and resumes the display)', async () => {
    const client = await connect(`?ticket=${await ticketFor('view')}`);
    const init = await client.handshake();
    client.send(rfbMessages.setEncodings([0]));
    // ~40 MB of Raw updates requested while the viewer reads nothing
    client.ws.pause();
    for (let i = 0; i < 10; i++) {
      client.send(
        rfbMessages.framebufferUpdateRequest(
          false,
          0,
          0,
          init.width,
          init.height,
        ),
      );
    }
    await new Promise(r => setTimeout(r, 1500));
    client.ws.resume();
    // Xvnc merges requests it has not served yet, so fewer than 10 updates
    // may come; a 1×1 request answered by a 1×1 update marks the end.
    const full = init.width * init.height;
    let fullUpdates = 0;
    for (let i = 0; i < 12; i++) {
      const pixels = (await client.readFramebufferUpdate(30_000)).reduce(
        (sum, r) => sum + r.width * r.height,
        0,
      );
      if (pixels === 1) break;
      expect(pixels).toBe(full);
      fullUpdates += 1;
      client.send(rfbMessages.framebufferUpdateRequest(false, 0, 0, 1, 1));
    }
    expect(fullUpdates).toBeGreaterThanOrEqual(1);
    expect(client.bytesReceived).toBeGreaterThan(fullUpdates * full * 4);
  });

  it.each([
    // 3.7: the viewer picks from the offered types, no SecurityResult for None
    ['003.007', [1, 1], [1]],
    // 3.3: the server names the type (u32 1 = None), no SecurityResult
    ['003.003', [0, 0, 0, 1], []],
  ])(
    'serves older viewers speaking RFB %s',
    async (version, security, choice) => {
      const client = await connect(`?ticket=${await ticketFor('view')}`);
      expect((await client.read(12)).toString('latin1')).toBe('RFB 003.008\n');
      client.send(Buffer.from(`RFB ${version}\n`, 'latin1'));
      expect([...(await client.read(security.length))]).toEqual(security);
      client.send(Buffer.from([...choice, 0])); // choice, then ClientInit
      const serverInit = await client.read(24);
      expect([serverInit.readUInt16BE(0), serverInit.readUInt16BE(2)]).toEqual([
        1280, 800,
      ]);
    },
  );

  it('accepts the `binary` subprotocol older clients offer', async () => {
    const client = await connect(`?ticket=${await ticketFor('view')}`, [
      'binary',
    ]);
    expect(client.ws.protocol).toBe('binary');
    await expect(client.handshake()).resolves.toMatchObject({ width: 1280 });
  });

  it.each([
    ['no ticket', async () => ''],
    [
      'an unknown ticket',
      async () => `?ticket=${randomBytes(32).toString('base64url')}`,
    ],
    ['a malformed ticket', async () => '?ticket=%27%20OR%201%3D1'],
    [
      'an expired ticket',
      async () => {
        const issuedLongAgo = new DatabaseConnectTickets({
          knex,
          now: () => new Date(Date.now() - 60_000),
        });
        const { ticket } = await issuedLongAgo.issue({
          desktopId: desktopA,
          userEntityRef: 'user:default/ada',
          mode: 'control',
        });
        return `?ticket=${ticket}`;
      },
    ],
  ])('refuses %s with HTTP 401 and no RFB byte', async (_, query) => {
    const refusedBefore = recorded.total('labstage_gateway_connections_total', {
      mode: 'unknown',
      outcome: 'refused',
    });
    const client = await connect(await query());
    expect(await client.ended).toEqual({ httpStatus: 401, bytesReceived: 0 });
    expect(
      recorded.total('labstage_gateway_connections_total', {
        mode: 'unknown',
        outcome: 'refused',
      }),
    ).toBe(refusedBefore + 1);
  });

  it('refuses a replayed ticket', async () => {
    const ticket = await ticketFor('control');
    const first = await connect(`?ticket=${ticket}`);
    await first.handshake();
    const second = await connect(`?ticket=${ticket}`);
    expect(await second.ended).toEqual({ httpStatus: 401, bytesReceived: 0 });
  });

  it('refuses a view ticket used for a control connection, and a ticket for another desktop', async () => {
    const viewAsControl = await connect(
      `?ticket=${await ticketFor('view')}&mode=control`,
    );
    expect(await viewAsControl.ended).toEqual({
      httpStatus: 403,
      bytesReceived: 0,
    });
    const badMode = await connect(
      `?ticket=${await ticketFor('view')}&mode=admin`,
    );
    expect(await badMode.ended).toEqual({ httpStatus: 400, bytesReceived: 0 });
    const otherDesktop = await connect(
      `?ticket=${await ticketFor('control')}&desktop=${desktopB}`,
    );
    expect(await otherDesktop.ended).toEqual({
      httpStatus: 403,
      bytesReceived: 0,
    });
    // the ticket is bound to its desktop: B's ticket without parameters goes to B
    const forB = await connect(
      `?ticket=${await ticketFor('control', desktopB)}`,
    );
    expect(await forB.ended).toEqual({
      code: GatewayCloseCode.NotRunning,
      reason: 'The desktop is not running',
      bytesReceived: 0,
    });
  });

  it('passes the keyboard of a control connection and drops that of a view connection', async () => {
    // lxterminal has keyboard focus from session start (openbox focuses the
    // first window), so no click is needed; see waitForTerminal.
    const controller = await connect(
      `?ticket=${await ticketFor('control')}&mode=control`,
    );
    await controller.handshake();
    const before = desktops.activity.length;
    // Retyped if needed: under load the terminal window can still be mapping
    // right after its shell starts (typing twice only touches twice).
    let typed = false;
    for (let attempt = 0; attempt < 3 && !typed; attempt++) {
      controller.send(typeText('\ntouch /home/student/controltyped\n'));
      typed = await eventually(
        () => homeFileExists(desktopA, 'controltyped'),
        5_000,
      );
    }
    expect(typed).toBe(true);
    expect(desktops.activity.slice(before)).toContainEqual({
      desktopId: desktopA,
      kind: 'input',
    });

    // The terminal demonstrably takes keys now; a viewer's keys must not arrive.
    const viewer = await connect(
      `?ticket=${await ticketFor('view')}&mode=view`,
    );
    await viewer.handshake();
    const viewStart = desktops.activity.length;
    viewer.send(typeText('touch /home/student/viewtyped\n'));
    viewer.send(rfbMessages.pointerEvent(1, 20, 20));
    viewer.send(rfbMessages.pointerEvent(0, 20, 20));
    // a framebuffer round trip proves the gateway has processed the input
    viewer.send(rfbMessages.setEncodings([0]));
    viewer.send(rfbMessages.framebufferUpdateRequest(false, 0, 0, 1, 1));
    await viewer.readFramebufferUpdate();
    await new Promise(r => setTimeout(r, 3000));
    expect(await homeFileExists(desktopA, 'viewtyped')).toBe(false);
    expect(
      desktops.activity.slice(viewStart).filter(a => a.kind === 'input'),
    ).toEqual([]);

    // and the terminal still takes the controller's keys afterwards
    controller.send(typeText('touch /home/student/aftertyped\n'));
    expect(
      await eventually(() => homeFileExists(desktopA, 'aftertyped'), 15_000),
    ).toBe(true);
    expect(await homeFileExists(desktopA, 'viewtyped')).toBe(false);
  });

  it("closes a desktop's connections when it leaves running, and refuses new ones", async () => {
    const client = await connect(`?ticket=${await ticketFor('view')}`);
    await client.handshake();
    expect(gateway.connectionCount(desktopA)).toBeGreaterThan(0);
    desktops.leaveRunning(desktopA);
    expect(await client.ended).toMatchObject({
      code: GatewayCloseCode.DesktopStopped,
      reason: 'The desktop was stopped',
    });
    expect(gateway.connectionCount(desktopA)).toBe(0);

    const late = await connect(`?ticket=${await ticketFor('view')}`);
    expect(await late.ended).toEqual({
      code: GatewayCloseCode.NotRunning,
      reason: 'The desktop is not running',
      bytesReceived: 0,
    });
    desktops.running.add(desktopA);
  });
  it('closes with a reason when the viewer sends an unknown message type', async () => {
    const client = await connect(`?ticket=${await ticketFor('control')}`);
    await client.handshake();
    client.send(
      Buffer.concat([
        rfbMessages.keyEvent(false, 0x61),
        Buffer.from([7, 0, 0, 0]),
      ]),
    );
    expect(await client.ended).toMatchObject({
      code: GatewayCloseCode.ProtocolError,
      reason: 'Unknown RFB client message type 7',
    });
  });

  it('ends the display session when the viewer leaves', async () => {
    const client = await connect(`?ticket=${await ticketFor('view')}`);
    await client.handshake();
    expect(gateway.connectionCount(desktopA)).toBe(1);
    client.close();
    await client.ended;
    expect(
      await eventually(
        async () => gateway.connectionCount(desktopA) === 0,
        5_000,
      ),
    ).toBe(true);
  });

  it('refuses connections over maxConnectionsPerDesktop with a reason', async () => {
    const open = await Promise.all(
      [1, 2, 3, 4].map(async () => {
        const c = await connect(`?ticket=${await ticketFor('view')}`);
        await c.handshake();
        return c;
      }),
    );
    expect(gateway.connectionCount(desktopA)).toBe(4);
    const fifth = await connect(`?ticket=${await ticketFor('view')}`);
    expect(await fifth.ended).toEqual({
      code: GatewayCloseCode.TooManyConnections,
      reason: 'This desktop already has 4 open connections',
      bytesReceived: 0,
    });
    for (const c of open) c.close();
    await Promise.all(open.map(c => c.ended));
  });

  it('tells the viewer the desktop stopped when it is stopped from outside', async () => {
    const client = await connect(`?ticket=${await ticketFor('control')}`);
    await client.handshake();
    // Not through the lifecycle (e.g. `docker stop`): the display just goes.
    await desktop.runtime.stop(desktopA);
    expect(await client.ended).toMatchObject({
      code: GatewayCloseCode.DesktopStopped,
      reason: 'The desktop was stopped',
    });
    expect(gateway.connectionCount(desktopA)).toBe(0);
  });

  describe('revocation', () => {
    const ada = 'user:default/ada';
    const bea = 'user:default/bea';

    const connectAs = (user: string, mode: 'view' | 'control') =>
      connectWithTicket({
        baseUrl,
        tickets,
        clients,
        desktopId: desktopA,
        user,
        mode,
      });

    const onAccountChange = () =>
      revokeOnAccountChange({
        gateway,
        tickets,
        ownerOf: async id => (id === desktopA ? ada : undefined),
        logger,
      });

    beforeAll(async () => {
      // The previous test stopped the desktop from outside.
      await desktop.start();
    });

    it("closes a disabled user's connections within 1 s and voids their unused tickets", async () => {
      const owner = await connectAs(ada, 'control');
      const watcher = await connectAs(bea, 'view');
      const spare = await tickets.issue({
        desktopId: desktopA,
        userEntityRef: bea,
        mode: 'view',
      });

      const started = Date.now();
      await onAccountChange()({
        username: 'bea',
        userEntityRef: bea,
        change: 'disabled',
      });
      expect(await watcher.ended).toMatchObject({
        code: GatewayCloseCode.AccessRevoked,
        reason: 'Your account was disabled',
      });
      expect(Date.now() - started).toBeLessThan(1000);
      expect(await tickets.consume(spare.ticket)).toBeUndefined();
      // The owner's session goes on.
      expect(await stillOpen(owner)).toBe(true);
      expect(gateway.connections()).toEqual([
        { desktopId: desktopA, userEntityRef: ada, mode: 'control' },
      ]);
    });

    it('after a change of role, cuts connections to desktops the user does not own, and only those', async () => {
      const owner = await connectAs(ada, 'control');
      const helper = await connectAs(bea, 'view');

      await onAccountChange()({
        username: 'bea',
        userEntityRef: bea,
        change: 'role',
        role: 'student',
      });
      expect(await helper.ended).toMatchObject({
        code: GatewayCloseCode.AccessRevoked,
      });
      await onAccountChange()({
        username: 'ada',
        userEntityRef: ada,
        change: 'role',
        role: 'student',
      });
      expect(await stillOpen(owner)).toBe(true);
    });
  });
});
