import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import { assertOk, toApiError } from '@internal/backstage-plugin-accounts-react';
import type {
  Board,
  Comment,
  Course,
  Material,
  Page,
  Post,
  RecentAnnouncement,
  RosterEntry,
} from '@internal/backstage-plugin-courses-common';

export type { Board, RecentAnnouncement };

/** @public */
export type CourseScope = 'mine' | 'all';

/** @public */
export type CreateCourseInput = {
  title: string;
  code: string;
  term: string;
  description: string;
};

/** @public */
export type UpdateCourseInput = Partial<CreateCourseInput & { archived: boolean }>;

/** @public */
export type UpdatePostInput = Partial<{
  title: string;
  body: string;
  pinned: boolean;
  locked: boolean;
}>;

/** @public */
export type JoinCodeAction = 'regenerate' | 'enable' | 'disable';

/** @public */
export interface CoursesApi {
  listCourses(scope: CourseScope): Promise<Course[]>;
  createCourse(input: CreateCourseInput): Promise<Course>;
  getCourse(courseId: string): Promise<Course>;
  updateCourse(courseId: string, input: UpdateCourseInput): Promise<Course>;
  joinCode(courseId: string, action: JoinCodeAction): Promise<Course>;
  join(code: string): Promise<Course>;
  leave(courseId: string): Promise<void>;
  getRoster(courseId: string): Promise<RosterEntry[]>;
  removeMember(courseId: string, username: string): Promise<void>;
  addInstructor(courseId: string, username: string): Promise<void>;
  listPosts(
    courseId: string,
    board: Board,
    page: number,
    pageSize: number,
  ): Promise<Page<Post>>;
  createPost(
    courseId: string,
    input: { board: Board; title: string; body: string },
  ): Promise<Post>;
  updatePost(courseId: string, postId: string, input: UpdatePostInput): Promise<Post>;
  deletePost(courseId: string, postId: string): Promise<void>;
  listComments(courseId: string, postId: string): Promise<Comment[]>;
  createComment(courseId: string, postId: string, body: string): Promise<Comment>;
  updateComment(
    courseId: string,
    postId: string,
    commentId: string,
    body: string,
  ): Promise<Comment>;
  deleteComment(courseId: string, postId: string, commentId: string): Promise<void>;
  listMaterials(courseId: string): Promise<Material[]>;
  uploadMaterial(
    courseId: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<Material>;
  downloadMaterial(courseId: string, material: Material): Promise<Blob>;
  deleteMaterial(courseId: string, materialId: string): Promise<void>;
  recentAnnouncements(): Promise<RecentAnnouncement[]>;
}

/** @public */
export const coursesApiRef = createApiRef<CoursesApi>({
  id: 'plugin.courses.service',
});

const enc = encodeURIComponent;

/** Unwraps `{course}` / `{items}` envelopes as well as bare bodies. */
function unwrap<T>(body: any, key: string): T {
  if (body && typeof body === 'object' && key in body) return body[key] as T;
  return body as T;
}

/** @public */
export class CoursesClient implements CoursesApi {
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
    return `${await this.discoveryApi.getBaseUrl('courses')}${path}`;
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

  private async json<T>(method: string, path: string, json?: unknown): Promise<T> {
    const res = await this.request(method, path, json);
    if (res.status === 204) return undefined as T;
    return (await res.json()) as T;
  }

  async listCourses(scope: CourseScope): Promise<Course[]> {
    const body = await this.json<any>('GET', `/courses?scope=${scope}`);
    return unwrap<Course[]>(body, 'items');
  }

  async createCourse(input: CreateCourseInput): Promise<Course> {
    return unwrap(await this.json('POST', '/courses', input), 'course');
  }

  async getCourse(courseId: string): Promise<Course> {
    return unwrap(await this.json('GET', `/courses/${enc(courseId)}`), 'course');
  }

  async updateCourse(courseId: string, input: UpdateCourseInput): Promise<Course> {
    return unwrap(
      await this.json('PATCH', `/courses/${enc(courseId)}`, input),
      'course',
    );
  }

  async joinCode(courseId: string, action: JoinCodeAction): Promise<Course> {
    return unwrap(
      await this.json('POST', `/courses/${enc(courseId)}/join-code`, { action }),
      'course',
    );
  }

  async join(code: string): Promise<Course> {
    return unwrap(await this.json('POST', '/join', { code }), 'course');
  }

  async leave(courseId: string): Promise<void> {
    await this.request('DELETE', `/courses/${enc(courseId)}/enrolment`);
  }

  async getRoster(courseId: string): Promise<RosterEntry[]> {
    return unwrap(
      await this.json('GET', `/courses/${enc(courseId)}/roster`),
      'items',
    );
  }

  async removeMember(courseId: string, username: string): Promise<void> {
    await this.request(
      'DELETE',
      `/courses/${enc(courseId)}/roster/${enc(username)}`,
    );
  }

  async addInstructor(courseId: string, username: string): Promise<void> {
    await this.request('POST', `/courses/${enc(courseId)}/instructors`, {
      username,
    });
  }

  async listPosts(
    courseId: string,
    board: Board,
    page: number,
    pageSize: number,
  ): Promise<Page<Post>> {
    return this.json(
      'GET',
      `/courses/${enc(courseId)}/posts?board=${board}&page=${page}&pageSize=${pageSize}`,
    );
  }

  async createPost(
    courseId: string,
    input: { board: Board; title: string; body: string },
  ): Promise<Post> {
    return unwrap(
      await this.json('POST', `/courses/${enc(courseId)}/posts`, input),
      'post',
    );
  }

  async updatePost(
    courseId: string,
    postId: string,
    input: UpdatePostInput,
  ): Promise<Post> {
    return unwrap(
      await this.json(
        'PATCH',
        `/courses/${enc(courseId)}/posts/${enc(postId)}`,
        input,
      ),
      'post',
    );
  }

  async deletePost(courseId: string, postId: string): Promise<void> {
    await this.request('DELETE', `/courses/${enc(courseId)}/posts/${enc(postId)}`);
  }

  async listComments(courseId: string, postId: string): Promise<Comment[]> {
    return unwrap(
      await this.json(
        'GET',
        `/courses/${enc(courseId)}/posts/${enc(postId)}/comments`,
      ),
      'items',
    );
  }

  async createComment(
    courseId: string,
    postId: string,
    body: string,
  ): Promise<Comment> {
    return unwrap(
      await this.json(
        'POST',
        `/courses/${enc(courseId)}/posts/${enc(postId)}/comments`,
        { body },
      ),
      'comment',
    );
  }

  async updateComment(
    courseId: string,
    postId: string,
    commentId: string,
    body: string,
  ): Promise<Comment> {
    return unwrap(
      await this.json(
        'PATCH',
        `/courses/${enc(courseId)}/posts/${enc(postId)}/comments/${enc(commentId)}`,
        { body },
      ),
      'comment',
    );
  }

  async deleteComment(
    courseId: string,
    postId: string,
    commentId: string,
  ): Promise<void> {
    await this.request(
      'DELETE',
      `/courses/${enc(courseId)}/posts/${enc(postId)}/comments/${enc(commentId)}`,
    );
  }

  async listMaterials(courseId: string): Promise<Material[]> {
    return unwrap(
      await this.json('GET', `/courses/${enc(courseId)}/materials`),
      'items',
    );
  }

  /**
   * Streams the file as the raw request body. XMLHttpRequest is used (rather
   * than fetch) because it reports upload progress.
   */
  async uploadMaterial(
    courseId: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<Material> {
    const url = await this.url(
      `/courses/${enc(courseId)}/materials?filename=${enc(file.name)}`,
    );
    const { token } = await this.identityApi.getCredentials();
    const response = await new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', url);
      if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
      xhr.setRequestHeader(
        'Content-Type',
        file.type || 'application/octet-stream',
      );
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
    return unwrap(await response.json(), 'material');
  }

  async downloadMaterial(courseId: string, material: Material): Promise<Blob> {
    const res = await this.request(
      'GET',
      `/courses/${enc(courseId)}/materials/${enc(material.id)}/content`,
    );
    return res.blob();
  }

  async deleteMaterial(courseId: string, materialId: string): Promise<void> {
    await this.request(
      'DELETE',
      `/courses/${enc(courseId)}/materials/${enc(materialId)}`,
    );
  }

  async recentAnnouncements(): Promise<RecentAnnouncement[]> {
    return unwrap(await this.json('GET', '/announcements/recent'), 'items');
  }
}
