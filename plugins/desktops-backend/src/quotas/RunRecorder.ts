import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import { DesktopState } from '@internal/backstage-plugin-desktops-common';
import { DesktopRecord } from '../store';
import { RunIntervalStore } from './RunIntervalStore';

/**
 * Turns the state machine's moves into run intervals: a move into
 * `running` opens one, a move out of it (to `stopping` or `error`, which
 * every stop, idle stop, crash and delete goes through) closes it. Both at
 * the move's own time (the row's `updatedAt`, written with the new state),
 * so a desktop's hours are the time its row said `running`.
 *
 * `DesktopTransitions.move` calls it after each successful move; nothing
 * else writes intervals while the backend runs (`recoverRunIntervals`
 * repairs them once at startup).
 */
export class RunRecorder {
  constructor(
    private readonly intervals: RunIntervalStore,
    private readonly logger: LoggerService,
  ) {}

  /**
   * Records the move of `desktop` (already in its new state) from `from`.
   * Never throws: the move is written and must not look failed to its
   * caller. A lost write is logged, and the next startup's recovery opens
   * or closes what is missing from the desktop row.
   */
  async moved(from: DesktopState, desktop: DesktopRecord): Promise<void> {
    const to = desktop.state;
    if ((from === 'running') === (to === 'running')) return;
    try {
      if (to === 'running') {
        await this.intervals.open(desktop, desktop.updatedAt);
      } else {
        await this.intervals.close(
          desktop.id,
          desktop.updatedAt,
          to === 'error' ? 'error' : 'stopped',
        );
      }
    } catch (error) {
      this.logger.error(
        `Recording that desktop ${
          desktop.id
        } went from ${from} to ${to} in its running time failed (the next backend start corrects it): ${stringifyError(
          error,
        )}`,
      );
    }
  }
}
