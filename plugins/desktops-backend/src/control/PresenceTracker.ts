import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import {
  desktopPresenceChannel,
  DesktopPresence,
  DesktopPresenceSignal,
  PresentPerson,
} from '@internal/backstage-plugin-desktops-common';
import type { DesktopGateway } from '../gateway/createGateway';

/** Display names are looked up at most this often per person. */
const NAME_TTL_MS = 60_000;
/** Changes within this window go out as one signal per desktop. */
const COALESCE_MS = 50;

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * Who is connected to a desktop now, who holds its control and who asks
 * for it, read from the gateway's sessions and control state; and the live
 * signal of it (`desktopPresenceChannel`), sent on every change to the
 * owner, everyone connected, the holder and the askers, so the owner's card
 * and the viewer's bar ("Bob is watching", "Ms Kim has control") update
 * without polling. A person who leaves stops receiving it.
 */
export class PresenceTracker {
  readonly #gateway: Pick<
    DesktopGateway,
    'sessions' | 'control' | 'onSessionChange'
  >;
  readonly #directory: AccountsDirectory;
  readonly #signals: SignalsService;
  readonly #logger: LoggerService;
  readonly #ownerOf: (desktopId: string) => Promise<string | undefined>;
  readonly #names = new Map<string, { name: string; until: number }>();
  readonly #scheduled = new Map<string, NodeJS.Timeout>();
  readonly #unsubscribe: Array<() => void> = [];
  #closed = false;

  constructor(options: {
    gateway: Pick<DesktopGateway, 'sessions' | 'control' | 'onSessionChange'>;
    directory: AccountsDirectory;
    signals: SignalsService;
    logger: LoggerService;
    ownerOf: (desktopId: string) => Promise<string | undefined>;
  }) {
    this.#gateway = options.gateway;
    this.#directory = options.directory;
    this.#signals = options.signals;
    this.#logger = options.logger;
    this.#ownerOf = options.ownerOf;
    this.#unsubscribe.push(
      this.#gateway.onSessionChange(({ session }) =>
        this.#schedule(session.desktopId),
      ),
      this.#gateway.control.onChange(id => this.#schedule(id)),
    );
  }

  /** The presence of one desktop, owned by `owner`. */
  async presence(desktopId: string, owner: string): Promise<DesktopPresence> {
    const { control } = this.#gateway;
    const sessions = this.#gateway.sessions(desktopId);
    const people = new Map<string, PresentPerson>();
    for (const session of sessions) {
      const key = session.userEntityRef.toLocaleLowerCase('en-US');
      const since = session.openedAt.toISOString();
      const known = people.get(key);
      if (known) {
        known.connections += 1;
        if (since < known.since) known.since = since;
        if (session.mode === 'control') known.mode = 'control';
        known.hasControl ||= session.hasInput;
        continue;
      }
      people.set(key, {
        userEntityRef: session.userEntityRef,
        displayName: await this.displayName(session.userEntityRef),
        mode: session.mode,
        since,
        hasControl: session.hasInput,
        isOwner: sameUser(session.userEntityRef, owner),
        connections: 1,
      });
    }
    const holder = control.holder(desktopId);
    const requests = control.requests(desktopId);
    return {
      desktopId,
      owner,
      people: [...people.values()].sort((a, b) =>
        a.since.localeCompare(b.since),
      ),
      control: holder
        ? {
            userEntityRef: holder.userEntityRef,
            displayName: await this.displayName(holder.userEntityRef),
            since: holder.since.toISOString(),
            how: holder.how,
          }
        : null,
      requests: await Promise.all(
        requests.map(async r => ({
          userEntityRef: r.userEntityRef,
          displayName: await this.displayName(r.userEntityRef),
          requestedAt: r.requestedAt.toISOString(),
        })),
      ),
    };
  }

  /** The person's display name; their user name if the directory fails. */
  async displayName(userEntityRef: string): Promise<string> {
    const cached = this.#names.get(userEntityRef);
    if (cached && cached.until > Date.now()) return cached.name;
    let name = userEntityRef.replace(/^user:[^/]*\//, '');
    try {
      const user = await this.#directory.getUserByRef(userEntityRef);
      if (user?.displayName) name = user.displayName;
    } catch (error) {
      this.#logger.warn(
        `Could not look up the name of ${userEntityRef}: ${error}`,
      );
    }
    this.#names.set(userEntityRef, { name, until: Date.now() + NAME_TTL_MS });
    return name;
  }

  /** Publishes the presence of a desktop now (after a change). */
  async publish(desktopId: string): Promise<void> {
    const owner =
      this.#gateway.sessions(desktopId)[0]?.owner ??
      (await this.#ownerOf(desktopId));
    if (!owner || this.#closed) return;
    const presence = await this.presence(desktopId, owner);
    const recipients = new Set<string>([owner]);
    for (const person of presence.people) recipients.add(person.userEntityRef);
    if (presence.control) recipients.add(presence.control.userEntityRef);
    for (const r of presence.requests) recipients.add(r.userEntityRef);
    await this.#signals.publish<DesktopPresenceSignal>({
      recipients: { type: 'user', entityRef: [...recipients] },
      channel: desktopPresenceChannel(desktopId),
      message: { type: 'presence-changed', presence },
    });
  }

  /** Stops listening and publishing. */
  close(): void {
    this.#closed = true;
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
    for (const timer of this.#scheduled.values()) clearTimeout(timer);
    this.#scheduled.clear();
  }

  #schedule(desktopId: string) {
    if (this.#closed || this.#scheduled.has(desktopId)) return;
    this.#scheduled.set(
      desktopId,
      setTimeout(() => {
        this.#scheduled.delete(desktopId);
        this.publish(desktopId).catch(error =>
          this.#logger.warn(
            `Publishing the presence of desktop ${desktopId} failed: ${error}`,
          ),
        );
      }, COALESCE_MS),
    );
  }
}
