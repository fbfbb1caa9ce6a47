import { LoggerService } from '@backstage/backend-plugin-api';
import { DisplayPasswordStore } from '../store';
import { generateVncPassword } from '@internal/backstage-plugin-desktops-node';
import { VncPasswordVault } from '../vnc/VncPasswordVault';

/**
 * The VNC password of each desktop's current run. The backend generates it,
 * keeps it (sealed, in its own table) and hands it to the runtime; nothing
 * is ever read back from the desktop's side.
 */
export class DisplayPasswords {
  /** Desktops whose stored password this process has opened once. */
  readonly #known = new Set<string>();

  constructor(
    private readonly store: DisplayPasswordStore,
    private readonly vault: VncPasswordVault,
    private readonly logger: LoggerService,
  ) {}

  /** A fresh password for the next run, stored before the runtime sees it. */
  async issue(desktopId: string): Promise<string> {
    const password = generateVncPassword();
    await this.store.put(desktopId, this.vault.seal(password));
    this.#known.add(desktopId);
    return password;
  }

  /** The current run's password; undefined if there is none usable. */
  async current(desktopId: string): Promise<string | undefined> {
    const sealed = await this.store.get(desktopId);
    if (!sealed) return undefined;
    try {
      const password = this.vault.open(sealed);
      this.#known.add(desktopId);
      return password;
    } catch (error) {
      this.logger.warn(
        `The display password of desktop ${desktopId} can't be opened (was desktops.displayPasswordKey changed?); ` +
          `restart the desktop to reach it: ${error}`,
      );
      return undefined;
    }
  }

  /**
   * Whether the gateway could log in to this desktop's display. False for a
   * desktop started by a Labstage that kept its password elsewhere (before
   * an update), or under another `desktops.displayPasswordKey`.
   */
  async usable(desktopId: string): Promise<boolean> {
    if (this.#known.has(desktopId)) return true;
    return (await this.current(desktopId)) !== undefined;
  }

  async forget(desktopId: string): Promise<void> {
    this.#known.delete(desktopId);
    await this.store.delete(desktopId);
  }
}
