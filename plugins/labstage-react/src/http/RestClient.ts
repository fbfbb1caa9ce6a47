import type {
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { assertOk, StatusMessages } from './errors';
import { uploadWithProgress } from './uploadWithProgress';

/** @public */
export type RestClientOptions = {
  discoveryApi: DiscoveryApi;
  fetchApi: FetchApi;
  /** Plugin id the discovery API resolves, e.g. `courses`. */
  pluginId: string;
  /** Prefix below the plugin's base URL, e.g. `/accounts`. */
  basePath?: string;
  /** Sent with every call (accounts needs its session cookie). */
  credentials?: RequestCredentials;
  /** Wording of the plugin's own error statuses. */
  statusMessages?: StatusMessages;
  /** Only needed for {@link RestClient.upload}, which can't use fetchApi. */
  identityApi?: IdentityApi;
};

/** @public */
export type UploadOptions = {
  method: 'POST' | 'PUT';
  body: Blob;
  contentType: string;
  onProgress?: (fraction: number) => void;
};

/**
 * The request, JSON and error handling every Labstage REST client shares.
 * Responses are typed by the caller with the plugin's `-common` types;
 * nothing is reshaped here, so a client that expects another shape than the
 * server's fails the type check rather than being patched up at run time.
 *
 * @public
 */
export class RestClient {
  private readonly options: RestClientOptions;

  constructor(options: RestClientOptions) {
    this.options = options;
  }

  async url(path: string): Promise<string> {
    const { discoveryApi, pluginId, basePath = '' } = this.options;
    return `${await discoveryApi.getBaseUrl(pluginId)}${basePath}${path}`;
  }

  /** Sends the request; throws a `LabstageApiError` unless it succeeded. */
  async request(
    method: string,
    path: string,
    json?: unknown,
  ): Promise<Response> {
    const { fetchApi, credentials, statusMessages } = this.options;
    const init: RequestInit = { method };
    if (credentials) init.credentials = credentials;
    if (json !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(json);
    }
    const res = await fetchApi.fetch(await this.url(path), init);
    await assertOk(res, statusMessages);
    return res;
  }

  /** Like {@link RestClient.request}, returning the JSON body as `T`. */
  async json<T>(method: string, path: string, json?: unknown): Promise<T> {
    const res = await this.request(method, path, json);
    return (await res.json()) as T;
  }

  /** Streams a file as the raw request body, reporting progress. */
  async upload<T>(path: string, options: UploadOptions): Promise<T> {
    const { identityApi, statusMessages } = this.options;
    const token = identityApi
      ? (await identityApi.getCredentials()).token
      : undefined;
    const res = await uploadWithProgress(await this.url(path), {
      ...options,
      token,
    });
    await assertOk(res, statusMessages);
    return (await res.json()) as T;
  }
}
