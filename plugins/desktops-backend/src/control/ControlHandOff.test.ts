import { mockServices } from '@backstage/backend-test-utils';
import { requiredTestDatabases } from '@internal/backstage-plugin-labstage-node/testUtils';
import { AuditLog } from '../audit/AuditLog';
import type {
  GatewaySession,
  GatewaySessionEvent,
} from '../gateway/createGateway';
import { AuditStore } from '../store/AuditStore';
import { applyMigrations } from '../store/migrate';
import type { DesktopRecord } from '../store';
import { ControlHandOff } from './ControlHandOff';
import { ControlState } from './ControlState';

jest.setTimeout(60_000);

const alice = 'user:default/alice';
const teacher = 'user:default/teacher';
const desktopId = 'abcdefabcdef';
const desktop = { id: desktopId, owner: alice } as DesktopRecord;
const GRACE_MS = 300;

/**
 * The gateway's session registry as ControlHandOff sees it: the sessions
 * open now, and the opened/closed events (the gateway's own tests cover
 * how real connections produce them).
 */
class SessionRegistry {
  readonly control = new ControlState();
  readonly #open = new Map<string, GatewaySession>();
  readonly #listeners = new Set<(event: GatewaySessionEvent) => void>();
  #next = 0;

  sessions(id?: string) {
    return [...this.#open.values()].filter(s => !id || s.desktopId === id);
  }
  onSessionChange(listener: (event: GatewaySessionEvent) => void) {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
  open(userEntityRef: string): string {
    const session: GatewaySession = {
      connectionId: `c${++this.#next}`,
      desktopId,
      userEntityRef,
      owner: alice,
      mode: 'control',
      hasInput: true,
      openedAt: new Date(),
    } as GatewaySession;
    this.#open.set(session.connectionId, session);
    this.#emit({ type: 'opened', session });
    return session.connectionId;
  }
  close(connectionId: string) {
    const session = this.#open.get(connectionId)!;
    this.#open.delete(connectionId);
    this.#emit({ type: 'closed', session });
  }
  #emit(event: GatewaySessionEvent) {
    for (const listener of this.#listeners) listener(event);
  }
}

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

describe('ControlHandOff: a holder who disconnects', () => {
  const databases = requiredTestDatabases('control hand-off tests');

  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    await applyMigrations(knex);
    const audit = new AuditLog({
      store: new AuditStore(knex),
      logger: mockServices.logger.mock(),
      retentionDays: 30,
    });
    const gateway = new SessionRegistry();
    const handOff = new ControlHandOff({
      gateway,
      audit,
      logger: mockServices.logger.mock(),
      holderGraceMs: GRACE_MS,
    });
    const releases = async () => {
      await audit.flush();
      return (
        await audit.store.list(
          { desktopId, action: 'control.release' },
          { limit: 10 },
        )
      ).items;
    };
    return { gateway, handOff, releases };
  }

  it('keeps the control through a reconnect within the grace period', async () => {
    const { gateway, handOff, releases } = await setUp();
    const first = gateway.open(teacher);
    await handOff.take(desktop, teacher);
    gateway.close(first);
    await sleep(GRACE_MS / 3);
    gateway.open(teacher);
    await sleep(GRACE_MS * 2);
    expect(gateway.control.holder(desktopId)?.userEntityRef).toBe(teacher);
    expect(await releases()).toEqual([]);
    handOff.close();
  });

  it('gives the control back to the owner once the grace period passes, and logs why', async () => {
    const { gateway, handOff, releases } = await setUp();
    const only = gateway.open(teacher);
    await handOff.take(desktop, teacher);
    gateway.close(only);
    expect(gateway.control.holder(desktopId)?.userEntityRef).toBe(teacher);
    await sleep(GRACE_MS * 2);
    expect(gateway.control.holder(desktopId)).toBeUndefined();
    await expect(releases()).resolves.toEqual([
      expect.objectContaining({
        actor: teacher,
        subject: teacher,
        details: { reason: 'The holder disconnected' },
      }),
    ]);
    handOff.close();
  });
});
