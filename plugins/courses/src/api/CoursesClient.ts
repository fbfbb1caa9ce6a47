import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
  IdentityApi,
} from '@backstage/core-plugin-api';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import { RestClient } from '@internal/backstage-plugin-labstage-react';
import type {
  AddInstructorRequest,
  Board,
  Comment,
  CommentRequest,
  Course,
  CourseListScope,
  CreateCourseRequest,
  CreatePostRequest,
  JoinCodeActionRequest,
  JoinCourseRequest,
  Material,
  Page,
  Post,
  RecentAnnouncement,
  RosterEntry,
  UpdateCourseRequest,
  UpdatePostRequest,
} from '@internal/backstage-plugin-courses-common';

/** @public */
export type JoinCodeAction = JoinCodeActionRequest['action'];

/**
 * The courses REST API. Bodies and answers are the `courses-common` types,
 * exactly as the server sends them.
 *
 * @public
 */
export interface CoursesApi {
  listCourses(scope: CourseListScope): Promise<Course[]>;
  createCourse(input: CreateCourseRequest): Promise<Course>;
  getCourse(courseId: string): Promise<Course>;
  updateCourse(courseId: string, input: UpdateCourseRequest): Promise<Course>;
  joinCode(courseId: string, action: JoinCodeAction): Promise<Course>;
  join(code: string): Promise<Course>;
  leave(courseId: string): Promise<void>;
  getRoster(courseId: string): Promise<RosterEntry[]>;
  removeMember(courseId: string, username: string): Promise<void>;
  addInstructor(courseId: string, username: string): Promise<RosterEntry>;
  listPosts(
    courseId: string,
    board: Board,
    page: number,
    pageSize: number,
  ): Promise<Page<Post>>;
  createPost(courseId: string, input: CreatePostRequest): Promise<Post>;
  updatePost(
    courseId: string,
    postId: string,
    input: UpdatePostRequest,
  ): Promise<Post>;
  deletePost(courseId: string, postId: string): Promise<void>;
  listComments(courseId: string, postId: string): Promise<Comment[]>;
  createComment(
    courseId: string,
    postId: string,
    body: string,
  ): Promise<Comment>;
  updateComment(
    courseId: string,
    postId: string,
    commentId: string,
    body: string,
  ): Promise<Comment>;
  deleteComment(
    courseId: string,
    postId: string,
    commentId: string,
  ): Promise<void>;
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
const course = (courseId: string) => `/courses/${enc(courseId)}`;
const post = (courseId: string, postId: string) =>
  `${course(courseId)}/posts/${enc(postId)}`;
const comments = (courseId: string, postId: string) =>
  `${post(courseId, postId)}/comments`;

/** @public */
export class CoursesClient implements CoursesApi {
  private readonly http: RestClient;

  constructor(options: {
    discoveryApi: DiscoveryApi;
    fetchApi: FetchApi;
    identityApi: IdentityApi;
  }) {
    this.http = new RestClient({
      ...options,
      pluginId: 'courses',
      // Comments on a locked post are refused with 423.
      statusMessages: { 423: 'This post is locked.' },
    });
  }

  private async list<T>(path: string): Promise<T[]> {
    return (await this.http.json<ListResponse<T>>('GET', path)).items;
  }

  async listCourses(scope: CourseListScope): Promise<Course[]> {
    return this.list(`/courses?scope=${scope}`);
  }

  async createCourse(input: CreateCourseRequest): Promise<Course> {
    return this.http.json('POST', '/courses', input);
  }

  async getCourse(courseId: string): Promise<Course> {
    return this.http.json('GET', course(courseId));
  }

  async updateCourse(
    courseId: string,
    input: UpdateCourseRequest,
  ): Promise<Course> {
    return this.http.json('PATCH', course(courseId), input);
  }

  async joinCode(courseId: string, action: JoinCodeAction): Promise<Course> {
    const body: JoinCodeActionRequest = { action };
    return this.http.json('POST', `${course(courseId)}/join-code`, body);
  }

  async join(code: string): Promise<Course> {
    const body: JoinCourseRequest = { code };
    return this.http.json('POST', '/join', body);
  }

  async leave(courseId: string): Promise<void> {
    await this.http.request('DELETE', `${course(courseId)}/enrolment`);
  }

  async getRoster(courseId: string): Promise<RosterEntry[]> {
    return this.list(`${course(courseId)}/roster`);
  }

  async removeMember(courseId: string, username: string): Promise<void> {
    await this.http.request(
      'DELETE',
      `${course(courseId)}/roster/${enc(username)}`,
    );
  }

  async addInstructor(
    courseId: string,
    username: string,
  ): Promise<RosterEntry> {
    const body: AddInstructorRequest = { username };
    return this.http.json('POST', `${course(courseId)}/instructors`, body);
  }

  async listPosts(
    courseId: string,
    board: Board,
    page: number,
    pageSize: number,
  ): Promise<Page<Post>> {
    return this.http.json(
      'GET',
      `${course(
        courseId,
      )}/posts?board=${board}&page=${page}&pageSize=${pageSize}`,
    );
  }

  async createPost(courseId: string, input: CreatePostRequest): Promise<Post> {
    return this.http.json('POST', `${course(courseId)}/posts`, input);
  }

  async updatePost(
    courseId: string,
    postId: string,
    input: UpdatePostRequest,
  ): Promise<Post> {
    return this.http.json('PATCH', post(courseId, postId), input);
  }

  async deletePost(courseId: string, postId: string): Promise<void> {
    await this.http.request('DELETE', post(courseId, postId));
  }

  async listComments(courseId: string, postId: string): Promise<Comment[]> {
    return this.list(comments(courseId, postId));
  }

  async createComment(
    courseId: string,
    postId: string,
    body: string,
  ): Promise<Comment> {
    const request: CommentRequest = { body };
    return this.http.json('POST', comments(courseId, postId), request);
  }

  async updateComment(
    courseId: string,
    postId: string,
    commentId: string,
    body: string,
  ): Promise<Comment> {
    const request: CommentRequest = { body };
    return this.http.json(
      'PATCH',
      `${comments(courseId, postId)}/${enc(commentId)}`,
      request,
    );
  }

  async deleteComment(
    courseId: string,
    postId: string,
    commentId: string,
  ): Promise<void> {
    await this.http.request(
      'DELETE',
      `${comments(courseId, postId)}/${enc(commentId)}`,
    );
  }

  async listMaterials(courseId: string): Promise<Material[]> {
    return this.list(`${course(courseId)}/materials`);
  }

  async uploadMaterial(
    courseId: string,
    file: File,
    onProgress?: (fraction: number) => void,
  ): Promise<Material> {
    return this.http.upload(
      `${course(courseId)}/materials?filename=${enc(file.name)}`,
      {
        method: 'POST',
        body: file,
        contentType: file.type || 'application/octet-stream',
        onProgress,
      },
    );
  }

  async downloadMaterial(courseId: string, material: Material): Promise<Blob> {
    const res = await this.http.request(
      'GET',
      `${course(courseId)}/materials/${enc(material.id)}/content`,
    );
    return res.blob();
  }

  async deleteMaterial(courseId: string, materialId: string): Promise<void> {
    await this.http.request(
      'DELETE',
      `${course(courseId)}/materials/${enc(materialId)}`,
    );
  }

  async recentAnnouncements(): Promise<RecentAnnouncement[]> {
    return this.list('/announcements/recent');
  }
}
