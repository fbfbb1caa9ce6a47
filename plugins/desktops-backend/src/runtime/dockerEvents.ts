import type Docker from 'dockerode';
import type { LoggerService } from '@backstage/backend-plugin-api';
import type { RuntimeEvent } from '@internal/backstage-plugin-desktops-node';
import { LABEL_DESKTOP_ID } from './dockerNaming';

const EVENT_TYPES: Record<string, RuntimeEvent['type']> = {
  start: 'started',
  die: 'died',
  destroy: 'removed',
};
const MIN_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 10_000;

type DockerEventMessage = {
  Type?: string;
  Action?: string;
  status?: string;
  time?: number;
  timeNano?: number;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
};

/**
 * Follows the engine's container events for the given label filters and
 * reconnects with backoff when the stream ends or fails (e.g. dockerd
 * restarts). After a reconnect it asks the engine to replay from the last
 * event seen, so a short gap loses nothing; replayed duplicates are dropped.
 */
export function watchDockerEvents(options: {
  docker: Docker;
  labelFilters: string[];
  logger: LoggerService;
  listener: (event: RuntimeEvent) => void;
}): () => void {
  const { docker, labelFilters, logger, listener } = options;
  let closed = false;
  let stream: (NodeJS.ReadableStream & { destroy?: () => void }) | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoff = MIN_BACKOFF_MS;
  // Replay point in nanoseconds (BigInt: timeNano does not fit a double).
  // Starting at the call means events racing the first connect are kept;
  // after that it is the last delivered event, so replays skip duplicates.
  let floorNano = BigInt(Date.now()) * 1_000_000n - 1n;

  const deliver = (
    message: DockerEventMessage,
    timeNano: bigint | undefined,
  ) => {
    const action = message.Action ?? message.status ?? '';
    const type = EVENT_TYPES[action];
    const attributes = message.Actor?.Attributes ?? {};
    const desktopId = attributes[LABEL_DESKTOP_ID];
    if (timeNano !== undefined) {
      if (timeNano <= floorNano) return;
      floorNano = timeNano;
    }
    if (!type || !desktopId) return;
    const exitCode =
      type === 'died' && attributes.exitCode !== undefined
        ? Number(attributes.exitCode)
        : null;
    try {
      listener({
        desktopId,
        type,
        exitCode: Number.isNaN(exitCode) ? null : exitCode,
      });
    } catch (error) {
      logger.error(`Desktop runtime event listener failed: ${error}`);
    }
  };

  function scheduleReconnect(reason: string) {
    stream = undefined;
    if (closed || retryTimer) return;
    logger.warn(`Docker event stream ${reason}; reconnecting in ${backoff} ms`);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      connect();
    }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }

  function connect() {
    if (closed) return;
    docker
      .getEvents({
        since: `${floorNano / 1_000_000_000n}.${(floorNano % 1_000_000_000n)
          .toString()
          .padStart(9, '0')}` as unknown as number,
        filters: {
          type: ['container'],
          event: Object.keys(EVENT_TYPES),
          label: labelFilters,
        },
      })
      .then(
        events => {
          const current = events as NodeJS.ReadableStream & {
            destroy?: () => void;
          };
          if (closed) {
            current.destroy?.();
            return;
          }
          stream = current;
          backoff = MIN_BACKOFF_MS;
          let buffered = '';
          current.on('data', (chunk: Buffer | string) => {
            buffered += chunk.toString();
            let newline = buffered.indexOf('\n');
            while (newline !== -1) {
              const line = buffered.slice(0, newline).trim();
              buffered = buffered.slice(newline + 1);
              if (line) {
                try {
                  const nano = /"timeNano":\s*(\d+)/.exec(line)?.[1];
                  deliver(JSON.parse(line), nano ? BigInt(nano) : undefined);
                } catch (error) {
                  logger.warn(`Ignoring unreadable Docker event: ${error}`);
                }
              }
              newline = buffered.indexOf('\n');
            }
          });
          let ended = false;
          const onEnd = (reason: string) => {
            if (ended || stream !== current) return;
            ended = true;
            scheduleReconnect(reason);
          };
          current.on('end', () => onEnd('ended'));
          current.on('close', () => onEnd('closed'));
          current.on('error', (error: Error) =>
            onEnd(`failed (${error.message})`),
          );
        },
        (error: Error) =>
          scheduleReconnect(`could not be opened (${error.message})`),
      );
  }

  connect();
  return () => {
    closed = true;
    if (retryTimer) clearTimeout(retryTimer);
    retryTimer = undefined;
    const current = stream;
    stream = undefined;
    current?.destroy?.();
  };
}
