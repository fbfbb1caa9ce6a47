import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { RestClient } from '@internal/backstage-plugin-labstage-react';
import type {
  CourseEnvironment,
  CourseEnvironmentView,
  ImageSave,
  PublishEnvironmentRequest,
  SavedImage,
  SaveImageRequest,
  ConnectMode,
  ConnectTicket,
  ConnectTicketRequest,
  CreateDesktopRequest,
  Desktop,
  DesktopImage,
  DesktopListResponse,
  UpdateDesktopRequest,
  UploadedFile,
} from '@internal/backstage-plugin-desktops-common';

/** A downloaded file, with the name the server gave it. @public */
export type DownloadedFile = { blob: Blob; filename: string };

/** @public */
export interface DesktopsApi {
  listImages(): Promise<DesktopImage[]>;
  listDesktops(): Promise<DesktopListResponse>;
  /** Every user's desktops; admins only (403 otherwise). */
  listAllDesktops(): Promise<Desktop[]>;
  createDesktop(input: CreateDesktopRequest): Promise<Desktop>;
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

  /** Starts saving a desktop as an image version; follow it with getSave. */
  saveImage(id: string, input: SaveImageRequest): Promise<ImageSave>;
  getSave(saveId: string): Promise<ImageSave>;
  /** My saved images, and my saves still running or failed. */
  listSavedImages(): Promise<{ items: SavedImage[]; saves: ImageSave[] }>;
  deleteSavedImage(imageId: string): Promise<void>;

  /** The course's current environment and my desktop of it. */
  getCourseEnvironment(courseId: string): Promise<CourseEnvironmentView>;
  publishEnvironment(
    courseId: string,
    input: PublishEnvironmentRequest,
  ): Promise<CourseEnvironment>;
  listEnvironmentVersions(courseId: string): Promise<CourseEnvironment[]>;
  /** Creates my course desktop on first launch, starts it after that. */
  launchCourseEnvironment(courseId: string): Promise<Desktop>;
  /** Every desktop of the course (instructors). */
  listCourseDesktops(courseId: string): Promise<Desktop[]>;
  /** Moves a course desktop to the newest environment, home kept. */
  updateEnvironment(id: string): Promise<Desktop>;
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

const desktop = (id: string) => `/desktops/${enc(id)}`;
const course = (id: string) => `/courses/${enc(id)}`;

/** @public */
export class DesktopsClient implements DesktopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly http: RestClient;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    identityApi: IdentityApi;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.http = new RestClient({ ...options, pluginId: 'desktops' });
  }

  async listImages(): Promise<DesktopImage[]> {
    return (await this.http.json<ListResponse<DesktopImage>>('GET', '/images'))
      .items;
  }

  async listDesktops(): Promise<DesktopListResponse> {
    return this.http.json('GET', '/desktops');
  }

  async listAllDesktops(): Promise<Desktop[]> {
    const body = await this.http.json<ListResponse<Desktop>>(
      'GET',
      '/desktops?scope=all',
    );
    return body.items;
  }

  async createDesktop(input: CreateDesktopRequest): Promise<Desktop> {
    return this.http.json('POST', '/desktops', input);
  }

  async getDesktop(id: string): Promise<Desktop> {
    return this.http.json('GET', desktop(id));
  }

  async renameDesktop(id: string, name: string): Promise<Desktop> {
    const body: UpdateDesktopRequest = { name };
    return this.http.json('PATCH', desktop(id), body);
  }

  async startDesktop(id: string): Promise<Desktop> {
    return this.http.json('POST', `${desktop(id)}/start`);
  }

  async stopDesktop(id: string): Promise<Desktop> {
    return this.http.json('POST', `${desktop(id)}/stop`);
  }

  async deleteDesktop(id: string): Promise<void> {
    await this.http.request('DELETE', desktop(id));
  }

  async issueTicket(id: string, mode: ConnectMode): Promise<ConnectTicket> {
    const body: ConnectTicketRequest = { mode };
    return this.http.json('POST', `${desktop(id)}/tickets`, body);
  }

  async connectUrl(ticket: ConnectTicket): Promise<string> {
    return toWebSocketUrl(
      await this.discoveryApi.getBaseUrl('desktops'),
      ticket.path,
    );
  }

  async uploadFile(
    id: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<UploadedFile> {
    return this.http.upload(`${desktop(id)}/files?name=${enc(file.name)}`, {
      method: 'PUT',
      body: file,
      contentType: 'application/octet-stream',
      onProgress,
    });
  }

  async downloadFile(id: string, path: string): Promise<DownloadedFile> {
    const res = await this.http.request(
      'GET',
      `${desktop(id)}/files?path=${enc(path)}`,
    );
    const fallback = path.split('/').filter(Boolean).pop() ?? 'download';
    return {
      blob: await res.blob(),
      filename:
        filenameFromDisposition(res.headers.get('Content-Disposition')) ??
        fallback,
    };
  }

  async saveImage(id: string, input: SaveImageRequest): Promise<ImageSave> {
    return (
      await this.http.json<{ save: ImageSave }>(
        'POST',
        `${desktop(id)}/image`,
        input,
      )
    ).save;
  }

  async getSave(saveId: string): Promise<ImageSave> {
    return (
      await this.http.json<{ save: ImageSave }>(
        'GET',
        `/image-saves/${enc(saveId)}`,
      )
    ).save;
  }

  async listSavedImages(): Promise<{
    items: SavedImage[];
    saves: ImageSave[];
  }> {
    return this.http.json('GET', '/saved-images');
  }

  async deleteSavedImage(imageId: string): Promise<void> {
    await this.http.request('DELETE', `/saved-images/${enc(imageId)}`);
  }

  async getCourseEnvironment(courseId: string): Promise<CourseEnvironmentView> {
    return this.http.json('GET', `${course(courseId)}/environment`);
  }

  async publishEnvironment(
    courseId: string,
    input: PublishEnvironmentRequest,
  ): Promise<CourseEnvironment> {
    return (
      await this.http.json<{ environment: CourseEnvironment }>(
        'POST',
        `${course(courseId)}/environment`,
        input,
      )
    ).environment;
  }

  async listEnvironmentVersions(
    courseId: string,
  ): Promise<CourseEnvironment[]> {
    return (
      await this.http.json<ListResponse<CourseEnvironment>>(
        'GET',
        `${course(courseId)}/environment/versions`,
      )
    ).items;
  }

  async launchCourseEnvironment(courseId: string): Promise<Desktop> {
    return this.http.json('POST', `${course(courseId)}/environment/launch`);
  }

  async listCourseDesktops(courseId: string): Promise<Desktop[]> {
    return (
      await this.http.json<ListResponse<Desktop>>(
        'GET',
        `${course(courseId)}/desktops`,
      )
    ).items;
  }

  async updateEnvironment(id: string): Promise<Desktop> {
    return this.http.json('POST', `${desktop(id)}/update-environment`);
  }
}
