import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { parseErrorResponseBody } from '@backstage/errors';
import { createPluginFetch } from '@internal/backstage-plugin-labstage-node';
import type {
  ImageSave,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';

/** The Labstage plugins these actions call. */
export type LabstagePluginId = 'desktops' | 'courses';

/** What an action hands the client: the task's own context, as far as needed. */
export type InitiatorContext = {
  getInitiatorCredentials(): Promise<BackstageCredentials>;
  signal?: AbortSignal;
};

/**
 * A Labstage route answered with an error. The message carries the method,
 * path, status and the server's own message, so the task log says what went
 * wrong in the words of the plugin that refused (e.g. a 403 from the
 * permission policy).
 */
export class LabstageApiError extends Error {
  readonly statusCode: number;
  /** The server's error name, e.g. `NotAllowedError`. */
  readonly remoteName?: string;

  constructor(options: {
    message: string;
    statusCode: number;
    remoteName?: string;
  }) {
    super(options.message);
    this.name = 'LabstageApiError';
    this.statusCode = options.statusCode;
    this.remoteName = options.remoteName;
  }
}

/** Calls to one Labstage plugin, each with a fresh token for the user. */
export type LabstagePluginApi = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
};

/** Timing of waiting for an image save or build. */
export type ImageSaveWaitOptions = {
  /** Between two `GET /image-saves/:id`; 1 s by default. */
  pollIntervalMs?: number;
  /** When to give up; 30 minutes by default. */
  timeoutMs?: number;
};

/** Default of `ImageSaveWaitOptions.timeoutMs`: 30 minutes. */
export const DEFAULT_IMAGE_SAVE_TIMEOUT_MS = 30 * 60 * 1000;

/**
 * The one HTTP client of this module: finds a Labstage plugin with
 * discovery, calls it with a token made from the task initiator's
 * credentials (so Labstage's permission checks apply to the user, not to
 * the scaffolder), turns error answers into `LabstageApiError`s and waits
 * for image saves and builds.
 */
export class LabstageApi {
  readonly #auth: AuthService;
  readonly #discovery: DiscoveryService;
  readonly #pollIntervalMs: number;
  readonly #timeoutMs: number;

  constructor(
    options: {
      auth: AuthService;
      discovery: DiscoveryService;
    } & ImageSaveWaitOptions,
  ) {
    this.#auth = options.auth;
    this.#discovery = options.discovery;
    this.#pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_IMAGE_SAVE_TIMEOUT_MS;
  }

  /** Calls to `pluginId` on behalf of the user who started the task. */
  forInitiator(
    ctx: InitiatorContext,
    pluginId: LabstagePluginId,
  ): LabstagePluginApi {
    const call = async <T>(
      method: 'GET' | 'POST',
      path: string,
      body?: unknown,
    ): Promise<T> => {
      const pluginFetch = createPluginFetch(
        this.#discovery,
        this.#auth,
        pluginId,
        { onBehalfOf: await ctx.getInitiatorCredentials() },
      );
      const response = await pluginFetch(path, {
        method,
        headers:
          body === undefined ? {} : { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: ctx.signal,
      });
      if (!response.ok) {
        throw await errorFromResponse(method, pluginId, path, response);
      }
      if (response.status === 204) {
        return undefined as T;
      }
      return (await response.json()) as T;
    };
    return {
      get: path => call('GET', path),
      post: (path, body) => call('POST', path, body),
    };
  }

  /**
   * Follows a save (or build) with `GET /image-saves/:id` until it has
   * succeeded (returns the image) or failed (throws with the save's error),
   * logging each new phase and detail. Gives up after the timeout.
   */
  async waitForImageSave(options: {
    desktops: LabstagePluginApi;
    save: ImageSave;
    logger: LoggerService;
    signal?: AbortSignal;
  }): Promise<SavedImage> {
    const { desktops, logger, signal } = options;
    let save = options.save;
    const what = save.desktopId
      ? `Saving desktop ${save.desktopId} as ${save.repository}:${save.tag}`
      : `Building ${save.repository}:${save.tag}`;
    const deadline = Date.now() + this.#timeoutMs;
    let lastReported = '';
    for (;;) {
      const progress = save.detail
        ? `${what}: ${save.phase} (${save.detail})`
        : `${what}: ${save.phase}`;
      if (progress !== lastReported) {
        logger.info(progress);
        lastReported = progress;
      }
      if (save.state === 'succeeded') {
        if (!save.image) {
          throw new Error(
            `${what} succeeded, but the answer of GET /image-saves/${save.id} has no image`,
          );
        }
        return save.image;
      }
      if (save.state === 'failed') {
        throw new Error(`${what} failed: ${save.error ?? 'no reason given'}`);
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `${what}: gave up waiting after ${formatDuration(
            this.#timeoutMs,
          )}, ` +
            `still at phase "${save.phase}". The save may still finish; ` +
            `see GET /api/desktops/image-saves/${save.id} or My images.`,
        );
      }
      await sleep(this.#pollIntervalMs, signal);
      save = unwrapSave(
        await desktops.get<ImageSave | { save: ImageSave }>(
          `/image-saves/${encodeURIComponent(save.id)}`,
        ),
      );
    }
  }
}

/**
 * `POST /desktops/:id/image` and `POST /saved-images/build` answer
 * `{ save }`; `GET /image-saves/:id` is taken either way, wrapped or bare.
 */
export function unwrapSave(body: ImageSave | { save: ImageSave }): ImageSave {
  return 'save' in body && typeof body.save === 'object' && body.save !== null
    ? body.save
    : (body as ImageSave);
}

async function errorFromResponse(
  method: string,
  pluginId: string,
  path: string,
  response: Response,
): Promise<LabstageApiError> {
  const body = await parseErrorResponseBody(response);
  const statusCode = body.response?.statusCode || response.status;
  const status = [statusCode, response.statusText].filter(Boolean).join(' ');
  const reason = body.error?.message;
  return new LabstageApiError({
    message: `${method} /api/${pluginId}${path} failed with ${status}${
      reason ? `: ${reason}` : ''
    }`,
    statusCode,
    remoteName: body.error?.name,
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new Error('The task was cancelled'));
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('The task was cancelled'));
    };
    timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function formatDuration(ms: number): string {
  if (ms >= 60_000 && ms % 60_000 === 0) {
    const minutes = ms / 60_000;
    return `${minutes} minute${minutes === 1 ? '' : 's'}`;
  }
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}
