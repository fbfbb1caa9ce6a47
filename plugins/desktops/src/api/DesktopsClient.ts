import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import {
  assertOk,
  RestClient,
} from '@internal/backstage-plugin-labstage-react';
import type {
  AuditQuery,
  ClassroomResponse,
  ClassroomSeat,
  ClassroomStateFilter,
  DesktopAuditEntry,
  DesktopAuditPage,
  DesktopHand,
  DesktopHandResponse,
  DesktopPresence,
  DesktopShare,
  DesktopVisit,
  PutShareRequest,
  ShareCandidate,
  ShareRole,
  SharedDesktop,
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
  CapacityReport,
  CourseHourBudget,
  CourseHoursResponse,
  HourGrantRequest,
  HourQuotaDefaults,
  HourUsage,
  SetHourBudgetRequest,
  StudentHourUsage,
  CancelClassOccurrenceRequest,
  CapacityCheckResponse,
  ClassOccurrencesResponse,
  ClassSessionNowResponse,
  ClassSessionRunView,
  ClassSessionRunsResponse,
  ClassSessionSaveResponse,
  ClassSessionsResponse,
  ClassSessionView,
  CreateClassSessionRequest,
  UpdateClassSessionRequest,
} from '@internal/backstage-plugin-desktops-common';

/** A downloaded file, with the name the server gave it. @public */
export type DownloadedFile = { blob: Blob; filename: string };

/** The audit log's filters (the query of GET /audit without paging). @public */
export type AuditFilters = Pick<
  AuditQuery,
  'desktopId' | 'user' | 'action' | 'from' | 'to'
>;

/**
 * A thumbnail read: the image and its ETag, or `notModified` when the
 * server answered 304 to the ETag we sent.
 *
 * @public
 */
export type ThumbnailRead =
  | { notModified: true }
  | { notModified: false; blob: Blob; etag: string | null };

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

  /** The people the owner invited to a desktop. */
  listShares(id: string): Promise<DesktopShare[]>;
  /** Whom the owner may invite: classmates and instructors. */
  listShareCandidates(id: string): Promise<ShareCandidate[]>;
  /** Invites someone, or changes their role. */
  setShare(id: string, grantee: string, role: ShareRole): Promise<DesktopShare>;
  /** Withdraws someone's access; their open connections are cut. */
  revokeShare(id: string, grantee: string): Promise<void>;
  /** Desktops other people shared with me. */
  listSharedWithMe(): Promise<SharedDesktop[]>;

  /** Who is connected now, who holds the control, who asks for it. */
  getPresence(id: string): Promise<DesktopPresence>;
  /** A controller asks the owner for the control. */
  requestControl(id: string): Promise<DesktopPresence>;
  /** The owner hands the control to someone who asked. */
  grantControl(id: string, userEntityRef: string): Promise<DesktopPresence>;
  /**
   * The owner takes the control back, the holder gives it up, or an asker
   * withdraws the request.
   */
  releaseControl(id: string): Promise<DesktopPresence>;
  /** An instructor of the course (or an admin) takes the control. */
  takeControl(id: string): Promise<DesktopPresence>;

  /** Who opened my desktop, newest first. */
  listVisitors(
    id: string,
    page?: { cursor?: string; limit?: number },
  ): Promise<DesktopAuditPage<DesktopVisit>>;
  /** The whole audit log, filtered (admins). */
  listAudit(
    filters: AuditFilters,
    page?: { cursor?: string; limit?: number },
  ): Promise<DesktopAuditPage<DesktopAuditEntry>>;
  /** Every entry matching the filters, as CSV (admins). */
  exportAudit(filters: AuditFilters): Promise<DownloadedFile>;

  /** A course's students with their desktops, hands and idleness. */
  getClassroom(
    courseId: string,
    state?: ClassroomStateFilter,
  ): Promise<ClassroomSeat[]>;
  /**
   * The live thumbnail at `thumbnailPath` (from a classroom seat); with
   * `etag`, the server answers "not modified" if the picture is the same.
   */
  getThumbnail(thumbnailPath: string, etag?: string): Promise<ThumbnailRead>;
  getHand(id: string): Promise<DesktopHand | null>;
  /** The owner raises the hand of a course desktop. */
  raiseHand(id: string): Promise<DesktopHand>;
  /** The owner or an instructor of the course lowers it. */
  lowerHand(id: string): Promise<void>;

  /** My use of the course's weekly desktop hours (the meter). */
  getMyHours(courseId: string): Promise<HourUsage>;
  /** The course's weekly budget and every student's use (instructors). */
  getCourseHours(courseId: string): Promise<CourseHoursResponse>;
  /** Sets the course's weekly hours; `weeklyHours` null: the default. */
  setHourBudget(
    courseId: string,
    input: SetHourBudgetRequest,
  ): Promise<CourseHourBudget>;
  /** Extra hours for one student, this week (instructors). */
  grantHours(
    courseId: string,
    input: HourGrantRequest,
  ): Promise<StudentHourUsage>;
  /** The installation's weekly hours for courses without their own. */
  getHourDefaults(): Promise<HourQuotaDefaults>;
  /** Changes those defaults (admins). */
  setHourDefaults(input: HourQuotaDefaults): Promise<HourQuotaDefaults>;
  /** What the installation can run and what the next sessions need (admins). */
  getCapacity(): Promise<CapacityReport>;

  /** The course's class sessions with their next meetings, and its zone. */
  listSessions(courseId: string): Promise<ClassSessionsResponse>;
  /** The meetings whose class overlaps [from, to) (ISO instants). */
  listOccurrences(
    courseId: string,
    from: string,
    to: string,
  ): Promise<ClassOccurrencesResponse>;
  /** Schedules a session (instructors); may warn about capacity. */
  createSession(
    courseId: string,
    input: CreateClassSessionRequest,
  ): Promise<ClassSessionSaveResponse>;
  updateSession(
    courseId: string,
    sessionId: string,
    input: UpdateClassSessionRequest,
  ): Promise<ClassSessionSaveResponse>;
  deleteSession(courseId: string, sessionId: string): Promise<void>;
  /** Cancels the meeting scheduled on local `date` (yyyy-mm-dd). */
  cancelOccurrence(
    courseId: string,
    sessionId: string,
    date: string,
  ): Promise<ClassSessionView>;
  restoreOccurrence(
    courseId: string,
    sessionId: string,
    date: string,
  ): Promise<ClassSessionView>;
  /** The meeting whose desktop window is on now, and my course desktop. */
  getSessionNow(courseId: string): Promise<ClassSessionNowResponse>;
  /** The warm-ups of a session's meetings, newest first (instructors). */
  listSessionRuns(
    courseId: string,
    sessionId: string,
  ): Promise<ClassSessionRunView[]>;
  /** Why a session like `input` would not fit, or null (instructors). */
  checkSessionCapacity(
    courseId: string,
    input: CreateClassSessionRequest,
  ): Promise<CapacityCheckResponse>;
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

/** `?a=1&b=2` from the defined values; empty when there are none. */
export function queryString(
  params: Record<string, string | number | undefined>,
): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** @public */
export class DesktopsClient implements DesktopsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;
  private readonly http: RestClient;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    identityApi: IdentityApi;
  }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
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

  async listShares(id: string): Promise<DesktopShare[]> {
    return (
      await this.http.json<ListResponse<DesktopShare>>(
        'GET',
        `${desktop(id)}/shares`,
      )
    ).items;
  }

  async listShareCandidates(id: string): Promise<ShareCandidate[]> {
    return (
      await this.http.json<ListResponse<ShareCandidate>>(
        'GET',
        `${desktop(id)}/share-candidates`,
      )
    ).items;
  }

  async setShare(
    id: string,
    grantee: string,
    role: ShareRole,
  ): Promise<DesktopShare> {
    const body: PutShareRequest = { role };
    return this.http.json('PUT', `${desktop(id)}/shares/${enc(grantee)}`, body);
  }

  async revokeShare(id: string, grantee: string): Promise<void> {
    await this.http.request('DELETE', `${desktop(id)}/shares/${enc(grantee)}`);
  }

  async listSharedWithMe(): Promise<SharedDesktop[]> {
    return (
      await this.http.json<ListResponse<SharedDesktop>>(
        'GET',
        '/desktops/shared-with-me',
      )
    ).items;
  }

  async getPresence(id: string): Promise<DesktopPresence> {
    return this.http.json('GET', `${desktop(id)}/presence`);
  }

  async requestControl(id: string): Promise<DesktopPresence> {
    return this.http.json('POST', `${desktop(id)}/control/request`);
  }

  async grantControl(
    id: string,
    userEntityRef: string,
  ): Promise<DesktopPresence> {
    return this.http.json('POST', `${desktop(id)}/control/grant`, {
      userEntityRef,
    });
  }

  async releaseControl(id: string): Promise<DesktopPresence> {
    return this.http.json('POST', `${desktop(id)}/control/release`);
  }

  async takeControl(id: string): Promise<DesktopPresence> {
    return this.http.json('POST', `${desktop(id)}/control/take`);
  }

  async listVisitors(
    id: string,
    page: { cursor?: string; limit?: number } = {},
  ): Promise<DesktopAuditPage<DesktopVisit>> {
    return this.http.json('GET', `${desktop(id)}/visitors${queryString(page)}`);
  }

  async listAudit(
    filters: AuditFilters,
    page: { cursor?: string; limit?: number } = {},
  ): Promise<DesktopAuditPage<DesktopAuditEntry>> {
    return this.http.json(
      'GET',
      `/audit${queryString({ ...filters, ...page })}`,
    );
  }

  async exportAudit(filters: AuditFilters): Promise<DownloadedFile> {
    // Fetched rather than linked: a plain link would not carry the
    // Backstage token.
    const res = await this.http.request(
      'GET',
      `/audit/export.csv${queryString(filters)}`,
    );
    return {
      blob: await res.blob(),
      filename:
        filenameFromDisposition(res.headers.get('Content-Disposition')) ??
        'labstage-desktop-audit.csv',
    };
  }

  async getClassroom(
    courseId: string,
    state?: ClassroomStateFilter,
  ): Promise<ClassroomSeat[]> {
    return (
      await this.http.json<ClassroomResponse>(
        'GET',
        `${course(courseId)}/classroom${queryString({ state })}`,
      )
    ).items;
  }

  async getThumbnail(
    thumbnailPath: string,
    etag?: string,
  ): Promise<ThumbnailRead> {
    // Not through RestClient: a 304 is an answer here, not an error.
    const res = await this.fetchApi.fetch(await this.http.url(thumbnailPath), {
      headers: etag ? { 'If-None-Match': etag } : undefined,
      cache: 'no-store',
    });
    if (res.status === 304) return { notModified: true };
    await assertOk(res);
    return {
      notModified: false,
      blob: await res.blob(),
      etag: res.headers.get('ETag'),
    };
  }

  async getHand(id: string): Promise<DesktopHand | null> {
    return (
      await this.http.json<DesktopHandResponse>('GET', `${desktop(id)}/hand`)
    ).hand;
  }

  async raiseHand(id: string): Promise<DesktopHand> {
    const { hand } = await this.http.json<DesktopHandResponse>(
      'POST',
      `${desktop(id)}/hand`,
    );
    if (!hand) throw new Error('The server did not raise the hand');
    return hand;
  }

  async lowerHand(id: string): Promise<void> {
    await this.http.request('DELETE', `${desktop(id)}/hand`);
  }

  async getMyHours(courseId: string): Promise<HourUsage> {
    return this.http.json('GET', `${course(courseId)}/hours/me`);
  }

  async getCourseHours(courseId: string): Promise<CourseHoursResponse> {
    return this.http.json('GET', `${course(courseId)}/hours`);
  }

  async setHourBudget(
    courseId: string,
    input: SetHourBudgetRequest,
  ): Promise<CourseHourBudget> {
    return this.http.json('PUT', `${course(courseId)}/hours/budget`, input);
  }

  async grantHours(
    courseId: string,
    input: HourGrantRequest,
  ): Promise<StudentHourUsage> {
    return this.http.json('POST', `${course(courseId)}/hours/grants`, input);
  }

  async getHourDefaults(): Promise<HourQuotaDefaults> {
    return this.http.json('GET', '/hour-defaults');
  }

  async setHourDefaults(input: HourQuotaDefaults): Promise<HourQuotaDefaults> {
    return this.http.json('PUT', '/hour-defaults', input);
  }

  async getCapacity(): Promise<CapacityReport> {
    return this.http.json('GET', '/capacity');
  }

  async listSessions(courseId: string): Promise<ClassSessionsResponse> {
    return this.http.json('GET', `${course(courseId)}/sessions`);
  }

  async listOccurrences(
    courseId: string,
    from: string,
    to: string,
  ): Promise<ClassOccurrencesResponse> {
    return this.http.json(
      'GET',
      `${course(courseId)}/sessions/occurrences${queryString({ from, to })}`,
    );
  }

  async createSession(
    courseId: string,
    input: CreateClassSessionRequest,
  ): Promise<ClassSessionSaveResponse> {
    return this.http.json('POST', `${course(courseId)}/sessions`, input);
  }

  async updateSession(
    courseId: string,
    sessionId: string,
    input: UpdateClassSessionRequest,
  ): Promise<ClassSessionSaveResponse> {
    return this.http.json(
      'PATCH',
      `${course(courseId)}/sessions/${enc(sessionId)}`,
      input,
    );
  }

  async deleteSession(courseId: string, sessionId: string): Promise<void> {
    await this.http.request(
      'DELETE',
      `${course(courseId)}/sessions/${enc(sessionId)}`,
    );
  }

  async cancelOccurrence(
    courseId: string,
    sessionId: string,
    date: string,
  ): Promise<ClassSessionView> {
    const body: CancelClassOccurrenceRequest = { date };
    return this.http.json(
      'POST',
      `${course(courseId)}/sessions/${enc(sessionId)}/cancellations`,
      body,
    );
  }

  async restoreOccurrence(
    courseId: string,
    sessionId: string,
    date: string,
  ): Promise<ClassSessionView> {
    return this.http.json(
      'DELETE',
      `${course(courseId)}/sessions/${enc(sessionId)}/cancellations/${enc(
        date,
      )}`,
    );
  }

  async getSessionNow(courseId: string): Promise<ClassSessionNowResponse> {
    return this.http.json('GET', `${course(courseId)}/sessions/now`);
  }

  async listSessionRuns(
    courseId: string,
    sessionId: string,
  ): Promise<ClassSessionRunView[]> {
    return (
      await this.http.json<ClassSessionRunsResponse>(
        'GET',
        `${course(courseId)}/sessions/${enc(sessionId)}/runs`,
      )
    ).items;
  }

  async checkSessionCapacity(
    courseId: string,
    input: CreateClassSessionRequest,
  ): Promise<CapacityCheckResponse> {
    return this.http.json(
      'POST',
      `${course(courseId)}/sessions/capacity-check`,
      input,
    );
  }
}
