/** Who holds the control of a desktop besides its owner, and since when. */
export type ControlHold = {
  userEntityRef: string;
  since: Date;
  /** `granted` by the owner, or `taken` by an instructor or an admin. */
  how: 'granted' | 'taken';
};

/** Someone asking the owner for the control. */
export type ControlAsk = { userEntityRef: string; requestedAt: Date };

type DesktopControl = {
  holder?: ControlHold;
  requests: Map<string, Date>;
};

const sameUser = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * The control hand-off of every desktop: besides the owner, whose input
 * always passes, at most one person holds "the control" of a desktop at a
 * time, and others may be asking for it. The gateway consults it for every
 * control connection and listens for changes, so input starts or stops
 * passing at once.
 *
 * Who may ask, grant, release or take is decided by the routes (permission
 * framework); this class only keeps the state consistent.
 *
 * Single process: the state lives in memory, and a backend restart hands
 * every desktop's control back to its owner (the safe side). With several
 * gateway processes it would live in a small `desktop_control` table (one
 * row per desktop: holder, how, since; requests in a second table), changed
 * with conditional UPDATEs like the connect tickets, and every change would
 * be announced on the events service (`desktops.control-changed`) so each
 * gateway re-applies it to its own connections.
 */
export class ControlState {
  readonly #desktops = new Map<string, DesktopControl>();
  readonly #listeners = new Set<(desktopId: string) => void>();
  readonly #now: () => Date;

  constructor(options: { now?: () => Date } = {}) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Whose input passes on a control connection: the owner's and the holder's. */
  mayInput(desktopId: string, owner: string, userEntityRef: string): boolean {
    if (sameUser(owner, userEntityRef)) return true;
    const holder = this.#desktops.get(desktopId)?.holder;
    return (
      holder !== undefined && sameUser(holder.userEntityRef, userEntityRef)
    );
  }

  holder(desktopId: string): ControlHold | undefined {
    const holder = this.#desktops.get(desktopId)?.holder;
    return holder && { ...holder };
  }

  /** Pending requests, oldest first. */
  requests(desktopId: string): ControlAsk[] {
    const requests = this.#desktops.get(desktopId)?.requests;
    if (!requests) return [];
    return [...requests]
      .map(([userEntityRef, requestedAt]) => ({ userEntityRef, requestedAt }))
      .sort((a, b) => a.requestedAt.getTime() - b.requestedAt.getTime());
  }

  hasRequested(desktopId: string, userEntityRef: string): boolean {
    return this.#findRequest(desktopId, userEntityRef) !== undefined;
  }

  /**
   * Records that `userEntityRef` asks for the control. False (and nothing
   * changes) if they already hold it or already asked.
   */
  request(desktopId: string, userEntityRef: string): boolean {
    const desktop = this.#desktop(desktopId);
    if (desktop.holder && sameUser(desktop.holder.userEntityRef, userEntityRef))
      return false;
    if (this.#findRequest(desktopId, userEntityRef)) return false;
    desktop.requests.set(userEntityRef, this.#now());
    this.#changed(desktopId);
    return true;
  }

  /**
   * Hands the control to `userEntityRef` (the owner accepted, `granted`, or
   * an instructor took it, `taken`). Whoever held it loses it; their request
   * and the new holder's are settled. Returns the previous holder.
   */
  give(
    desktopId: string,
    userEntityRef: string,
    how: ControlHold['how'],
  ): ControlHold | undefined {
    const desktop = this.#desktop(desktopId);
    const previous = desktop.holder;
    const request = this.#findRequest(desktopId, userEntityRef);
    if (request) desktop.requests.delete(request);
    desktop.holder = { userEntityRef, since: this.#now(), how };
    this.#changed(desktopId);
    return previous;
  }

  /**
   * The control goes back to the owner: of whoever holds it (`by` omitted:
   * the owner takes it back), or only if `by` holds it (giving it up).
   * Returns the holder who lost it, or undefined if nothing changed.
   */
  release(desktopId: string, by?: string): ControlHold | undefined {
    const desktop = this.#desktops.get(desktopId);
    const holder = desktop?.holder;
    if (!desktop || !holder) return undefined;
    if (by !== undefined && !sameUser(holder.userEntityRef, by)) {
      return undefined;
    }
    desktop.holder = undefined;
    this.#cleanUp(desktopId);
    this.#changed(desktopId);
    return holder;
  }

  /** Withdraws a request; true if there was one. */
  cancelRequest(desktopId: string, userEntityRef: string): boolean {
    const request = this.#findRequest(desktopId, userEntityRef);
    if (!request) return false;
    this.#desktops.get(desktopId)!.requests.delete(request);
    this.#cleanUp(desktopId);
    this.#changed(desktopId);
    return true;
  }

  /**
   * Forgets a person on a desktop (their share was revoked or downgraded):
   * they lose the control and their request. True if anything changed.
   */
  forget(desktopId: string, userEntityRef: string): boolean {
    const desktop = this.#desktops.get(desktopId);
    if (!desktop) return false;
    let changed = false;
    if (
      desktop.holder &&
      sameUser(desktop.holder.userEntityRef, userEntityRef)
    ) {
      desktop.holder = undefined;
      changed = true;
    }
    const request = this.#findRequest(desktopId, userEntityRef);
    if (request) {
      desktop.requests.delete(request);
      changed = true;
    }
    if (!changed) return false;
    this.#cleanUp(desktopId);
    this.#changed(desktopId);
    return true;
  }

  /** Forgets everything about a desktop (it stopped or was deleted). */
  forgetDesktop(desktopId: string): boolean {
    if (!this.#desktops.delete(desktopId)) return false;
    this.#changed(desktopId);
    return true;
  }

  /** Called with the desktop's id after every change; returns an unsubscribe. */
  onChange(listener: (desktopId: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #desktop(desktopId: string): DesktopControl {
    let desktop = this.#desktops.get(desktopId);
    if (!desktop) {
      desktop = { requests: new Map() };
      this.#desktops.set(desktopId, desktop);
    }
    return desktop;
  }

  #findRequest(desktopId: string, userEntityRef: string): string | undefined {
    const requests = this.#desktops.get(desktopId)?.requests;
    if (!requests) return undefined;
    return [...requests.keys()].find(k => sameUser(k, userEntityRef));
  }

  /** Desktops with nothing to remember take no memory. */
  #cleanUp(desktopId: string) {
    const desktop = this.#desktops.get(desktopId);
    if (desktop && !desktop.holder && desktop.requests.size === 0) {
      this.#desktops.delete(desktopId);
    }
  }

  #changed(desktopId: string) {
    for (const listener of [...this.#listeners]) listener(desktopId);
  }
}
