import type { RuntimeEvent } from '../../runtime/DesktopRuntime';

/**
 * Keeps every event a `watch` listener receives, so a case can wait for one
 * that may already have arrived: `mark()` before acting, then
 * `waitFor(match, mark)` looks at what came after the mark.
 */
export class EventRecorder {
  readonly events: RuntimeEvent[] = [];
  #waiters = new Set<() => void>();

  readonly listener = (event: RuntimeEvent): void => {
    this.events.push(event);
    for (const wake of [...this.#waiters]) wake();
  };

  mark(): number {
    return this.events.length;
  }

  /** Events of one desktop since `mark`, in arrival order. */
  of(desktopId: string, mark = 0): RuntimeEvent[] {
    return this.events.slice(mark).filter(e => e.desktopId === desktopId);
  }

  waitFor(
    match: (event: RuntimeEvent) => boolean,
    mark: number,
    timeoutMs: number,
    what = 'a matching runtime event',
  ): Promise<RuntimeEvent> {
    return new Promise((resolve, reject) => {
      const pending: { timer?: NodeJS.Timeout } = {};
      const check = () => {
        const found = this.events.slice(mark).find(match);
        if (!found) return false;
        clearTimeout(pending.timer);
        this.#waiters.delete(check);
        resolve(found);
        return true;
      };
      pending.timer = setTimeout(() => {
        this.#waiters.delete(check);
        reject(
          new Error(
            `No ${what} within ${timeoutMs} ms; events since the mark: ${JSON.stringify(
              this.events.slice(mark),
            )}`,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(check);
      check();
    });
  }
}
