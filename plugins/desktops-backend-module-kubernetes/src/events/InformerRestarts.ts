import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  ERROR,
  type Informer,
  type KubernetesObject,
} from '@kubernetes/client-node';

const RESTART_DELAY_MS = 1000;

/**
 * Re-establishes an informer's watch a second after it fails, until
 * stopped. The informer lists again on start, so whatever changed while the
 * watch was down still reaches its handlers.
 */
export class InformerRestarts {
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(
    informer: Informer<KubernetesObject>,
    what: string,
    logger: LoggerService,
  ) {
    informer.on(ERROR, error => {
      if (this.stopped) return;
      logger.warn(`Watch on ${what} failed, re-establishing it: ${error}`);
      this.timer = setTimeout(() => {
        if (!this.stopped) informer.start().catch(() => undefined);
      }, RESTART_DELAY_MS);
    });
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }
}
