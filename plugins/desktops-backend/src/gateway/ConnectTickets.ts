import { createHash, randomBytes } from 'node:crypto';
import { RootConfigService } from '@backstage/backend-plugin-api';
import { ConnectMode } from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';

/** What a consumed ticket grants: one gateway connection. */
export type ConnectTicketGrant = {
  desktopId: string;
  userEntityRef: string;
  mode: ConnectMode;
};

/**
 * Short-lived, single-use credentials for one gateway connection. The REST
 * API issues them to an authorized caller; the gateway consumes them on the
 * WebSocket upgrade, where no Backstage token is available.
 */
export interface ConnectTickets {
  issue(
    grant: ConnectTicketGrant,
  ): Promise<{ ticket: string; expiresAt: Date }>;
  /** The grant of a valid, unused, unexpired ticket; undefined otherwise. */
  consume(ticket: string): Promise<ConnectTicketGrant | undefined>;
  /** Voids the user's unused tickets (all desktops, or those `desktopIds`). */
  revokeForUser(userEntityRef: string, desktopIds?: string[]): Promise<number>;
}

export const DEFAULT_TICKET_TTL_SECONDS = 30;
/** Tickets end up in URLs and logs of proxies; they must not live long. */
export const MAX_TICKET_TTL_SECONDS = 30;

const TABLE = 'desktop_connect_tickets';
const PURGE_INTERVAL_MS = 60_000;
/** 32 random bytes in base64url, without padding. */
const TICKET_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** `desktops.tickets.ttlSeconds`, validated. */
export function readTicketTtlSeconds(config: RootConfigService): number {
  const ttl =
    config.getOptionalNumber('desktops.tickets.ttlSeconds') ??
    DEFAULT_TICKET_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TICKET_TTL_SECONDS) {
    throw new Error(
      `desktops.tickets.ttlSeconds must be a whole number from 1 to ${MAX_TICKET_TTL_SECONDS}, got ${ttl}`,
    );
  }
  return ttl;
}

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket, 'utf8').digest('hex');
}

function isConnectMode(value: unknown): value is ConnectMode {
  return value === 'view' || value === 'control';
}

/**
 * Tickets in the desktops database, so any gateway process can consume a
 * ticket any API process issued. Only the ticket's SHA-256 is stored.
 */
export class DatabaseConnectTickets implements ConnectTickets {
  readonly #knex: Knex;
  readonly #ttlSeconds: number;
  readonly #now: () => Date;
  #lastPurge = 0;

  static fromConfig(
    config: RootConfigService,
    options: { knex: Knex },
  ): DatabaseConnectTickets {
    return new DatabaseConnectTickets({
      knex: options.knex,
      ttlSeconds: readTicketTtlSeconds(config),
    });
  }

  constructor(options: {
    knex: Knex;
    ttlSeconds?: number;
    /** For tests of expiry; defaults to the clock. */
    now?: () => Date;
  }) {
    const ttl = options.ttlSeconds ?? DEFAULT_TICKET_TTL_SECONDS;
    if (ttl <= 0 || ttl > MAX_TICKET_TTL_SECONDS) {
      throw new Error(
        `Connect ticket TTL must be 1..${MAX_TICKET_TTL_SECONDS} seconds, got ${ttl}`,
      );
    }
    this.#knex = options.knex;
    this.#ttlSeconds = ttl;
    this.#now = options.now ?? (() => new Date());
  }

  async issue(
    grant: ConnectTicketGrant,
  ): Promise<{ ticket: string; expiresAt: Date }> {
    if (!isConnectMode(grant.mode)) {
      throw new Error(`Unknown connect mode ${grant.mode}`);
    }
    await this.#purgeOccasionally();
    const ticket = randomBytes(32).toString('base64url');
    const now = this.#now();
    const expiresAt = new Date(now.getTime() + this.#ttlSeconds * 1000);
    await this.#knex(TABLE).insert({
      ticket_hash: hashTicket(ticket),
      desktop_id: grant.desktopId,
      user_entity_ref: grant.userEntityRef,
      mode: grant.mode,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    });
    return { ticket, expiresAt };
  }

  async consume(ticket: string): Promise<ConnectTicketGrant | undefined> {
    if (typeof ticket !== 'string' || !TICKET_PATTERN.test(ticket)) {
      return undefined;
    }
    const hash = hashTicket(ticket);
    const now = this.#now().toISOString();
    // One conditional UPDATE decides the race between gateway processes: the
    // row is claimed by whoever changes it, everyone else sees 0 rows.
    const claimed = await this.#knex(TABLE)
      .where({ ticket_hash: hash })
      .whereNull('used_at')
      .where('expires_at', '>', now)
      .update({ used_at: now });
    if (claimed !== 1) {
      return undefined;
    }
    const row = await this.#knex(TABLE)
      .where({ ticket_hash: hash })
      .first('desktop_id', 'user_entity_ref', 'mode');
    if (!row || !isConnectMode(row.mode)) {
      return undefined;
    }
    return {
      desktopId: row.desktop_id,
      userEntityRef: row.user_entity_ref,
      mode: row.mode,
    };
  }

  async revokeForUser(
    userEntityRef: string,
    desktopIds?: string[],
  ): Promise<number> {
    const query = this.#knex(TABLE)
      .where({ user_entity_ref: userEntityRef })
      .whereNull('used_at');
    if (desktopIds) query.whereIn('desktop_id', desktopIds);
    return query.delete();
  }

  /** Deletes expired rows (used or not); returns how many. */
  async purgeExpired(): Promise<number> {
    this.#lastPurge = Date.now();
    return this.#knex(TABLE)
      .where('expires_at', '<=', this.#now().toISOString())
      .delete();
  }

  async #purgeOccasionally(): Promise<void> {
    if (Date.now() - this.#lastPurge < PURGE_INTERVAL_MS) {
      return;
    }
    await this.purgeExpired();
  }
}
