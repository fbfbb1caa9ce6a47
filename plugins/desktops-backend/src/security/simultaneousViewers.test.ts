import { TestDatabases } from '@backstage/backend-test-utils';
import { HostileDesktopHarness } from '../__testUtils__/hostileDesktopHarness';

/**
 * A classroom grid or a shared desktop opens many viewers of one desktop at
 * once. Every connection reaches Xvnc through the one unix socket, so Xvnc
 * sees them all as the same peer; its blacklist (5 handshakes in progress
 * per peer) used to refuse most of them. Real container, real gateway.
 */

jest.setTimeout(240_000);

const VIEWERS = 30;

describe('simultaneous viewers of one desktop', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let harness: HostileDesktopHarness;

  beforeAll(async () => {
    harness = await HostileDesktopHarness.start(
      await databases.init('SQLITE_3'),
      { deploymentId: `viewers-${process.pid}` },
    );
  });

  afterAll(async () => {
    await harness?.close();
  });

  it(`opens ${VIEWERS} connections started at the same moment, all of them`, async () => {
    const desktopId = await harness.launch('user:default/alice');
    const clients = await Promise.all(
      Array.from({ length: VIEWERS }, (_, i) =>
        harness.connect(
          desktopId,
          i % 2 ? 'user:default/alice' : 'user:default/root',
          i === 0 ? 'control' : 'view',
        ),
      ),
    );
    const outcomes = await Promise.all(
      clients.map(client =>
        client.handshake().then(
          init => `${init.width}x${init.height}`,
          async () => {
            const end = await client.ended;
            return `refused ${end.httpStatus ?? end.code} ${end.reason ?? ''}`;
          },
        ),
      ),
    );
    expect(outcomes.filter(o => o !== '1280x800')).toEqual([]);
    expect(harness.gateway.connectionCount(desktopId)).toBe(VIEWERS);
  });
});
