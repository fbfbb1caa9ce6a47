import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import {
  assertOk,
  toApiError,
} from '@internal/backstage-plugin-accounts-react';
import type {
  ConnectMode,
  ConnectTicket,
  Desktop,
  DesktopImage,
  DesktopQuota,
} from '@internal/backstage-plugin-desktops-common';

/** The caller's desktops and how many more may run. @public */
export type DesktopList = { items: Desktop[]; quota: DesktopQuota };

/** What the server stored for an upload. @public */
export type UploadedFile = { name: string; size: number };

/** A downloaded file, with the name the server gave it. @public */
export type DownloadedFile = { blob: Blob; filename: string };

/** @public */
export interface DesktopsApi {
  listImages(): Promise<DesktopImage[]>;
  listDesktops(): Promise<DesktopList>;
  /** Every user's desktops; admins only (403 otherwise). */
  listAllDesktops(): Promise<Desktop[]>;
  createDesktop(input: { imageId: string; name?: string }): Promise<Desktop>;
  getDesktop(id: string): Promise<Desktop>;
  renameDesktop(id: string, name: string): Promise<Desktop>;
  startDesktop(id: string): Promise<Desktop>;
  stopDesktop(id: string): Promise<Desktop>;
  deleteDesktop(id: string): Promise<void>;
  issueTicket(id: string, mode: ConnectMode): Promise<ConnectTicket>;
  /** The WebSocket URL of the gateway for a ticket. */
  connectUrl(ticket: ConnectTicket): Promise<string>;
  uploadFile(
    id: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<UploadedFile>;
  downloadFile(id: string, path: string): Promise<DownloadedFile>;
}

/** @public */
export const desktopsApiRef = createApiRef<DesktopsApi>({
  id: 'plugin.desktops.service',
});

const enc = encodeURIComponent;

/** `attachment; filename="a.txt"; filename*=UTF-8''a.txt` → `a.txt`. */
export function filenameFromDisposition(
  header: string | null,
): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // fall through to the plain parameter
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(header);
  if (plain) return (plain[2] ?? plain[1]).trim();
  return undefined;
}

/** The backend base URL as a WebSocket URL (http→ws, https→wss). */
export function toWebSocketUrl(baseUrl: string, path: string): string {
  const origin =
    typeof window !== 'undefined' ? window.location.href : 'http://localhost/';
  const url = new URL(`${baseUrl.replace(/\/$/, '')}${path}`, origin);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

/** @public */
export class DesktopsClient implements DesktopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly identityApi: IdentityApi;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    identityApi: IdentityApi;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
    this.identityApi = options.identityApi;
  }

  private async url(path: string): Promise<string> {
    return `${await this.discoveryApi.getBaseUrl('desktops')}${path}`;
  }

  private async request(
    method: string,
    path: string,
    json?: unknown,
  ): Promise<Response> {
    const init: RequestInit = { method };
    if (json !== undefined) {
      init.headers = { 'Content-Type': 'application/json' };
      init.body = JSON.stringify(json);
    }
    const res = await this.fetchApi.fetch(await this.url(path), init);
    await assertOk(res);
    return res;
  }

  private async json<T>(
    method: string,
    path: string,
    json?: unknown,
  ): Promise<T> {
    const res = await this.request(method, path, json);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  async listImages(): Promise<DesktopImage[]> {
    const body = await this.json<{ items: DesktopImage[] }>('GET', '/images');
    return body.items;
  }

  async listDesktops(): Promise<DesktopList> {
    return this.json('GET', '/desktops');
  }

  async listAllDesktops(): Promise<Desktop[]> {
    const body = await this.json<{ items: Desktop[] }>(
      'GET',
      '/desktops?scope=all',
    );
    return body.items;
  }

  async createDesktop(input: {
    imageId: string;
    name?: string;
  }): Promise<Desktop> {
    return this.json('POST', '/desktops', input);
  }

  async getDesktop(id: string): Promise<Desktop> {
    return this.json('GET', `/desktops/${enc(id)}`);
  }

  async renameDesktop(id: string, name: string): Promise<Desktop> {
    return this.json('PATCH', `/desktops/${enc(id)}`, { name });
  }

  async startDesktop(id: string): Promise<Desktop> {
    return this.json('POST', `/desktops/${enc(id)}/start`);
  }

  async stopDesktop(id: string): Promise<Desktop> {
    return this.json('POST', `/desktops/${enc(id)}/stop`);
  }

  async deleteDesktop(id: string): Promise<void> {
    await this.request('DELETE', `/desktops/${enc(id)}`);
  }

  async issueTicket(id: string, mode: ConnectMode): Promise<ConnectTicket> {
    return this.json('POST', `/desktops/${enc(id)}/tickets`, { mode });
  }

  async connectUrl(ticket: ConnectTicket): Promise<string> {
    return toWebSocketUrl(
      await this.discoveryApi.getBaseUrl('desktops'),
      ticket.path,
    );
  }

  /**
   * Streams the file as the raw request body. XMLHttpRequest is used (rather
   * than fetch) because only it reports upload progress.
   */
  async uploadFile(
    id: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<UploadedFile> {
    const url = await this.url(
      `/desktops/${enc(id)}/files?name=${enc(file.name)}`,
    );
    const { token } = await this.identityApi.getCredentials();
    const response = await new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.upload.onprogress = e => {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        const headers = new Headers();
        const contentType = xhr.getResponseHeader('Content-Type');
        if (contentType) headers.set('Content-Type', contentType);
        resolve(
          new Response(xhr.status === 204 ? null : xhr.responseText, {
            status: xhr.status,
            statusText: xhr.statusText,
            headers,
          }),
        );
      };
      xhr.onerror = () =>
        reject(new Error('The upload failed: the connection was interrupted.'));
      xhr.onabort = () => reject(new Error('The upload was cancelled.'));
      xhr.send(file);
    });
    if (!response.ok) throw await toApiError(response);
    return (await response.json()) as UploadedFile;
  }

  async downloadFile(id: string, path: string): Promise<DownloadedFile> {
    const res = await this.request(
      'GET',
      `/desktops/${enc(id)}/files?path=${enc(path)}`,
    );
    const fallback = path.split('/').filter(Boolean).pop() ?? 'download';
    return {
      blob: await res.blob(),
      filename:
        filenameFromDisposition(res.headers.get('Content-Disposition')) ??
        fallback,
    };
  }
}
