import {
  Comment,
  Course,
  CourseRole,
  Material,
  Post,
  RosterEntry,
} from '@internal/backstage-plugin-courses-common';
import {
  CommentRecord,
  CourseRecord,
  EnrolmentRecord,
  MaterialRecord,
  PostRecord,
} from '../store';
import {
  Actor,
  authorDisplayName,
  mayChange,
  uploaderName,
} from '../service/authorship';

export function presentCourse(
  course: CourseRecord,
  options: { myRole: CourseRole | null; canUpdate: boolean },
): Course {
  const result: Course = {
    id: course.id,
    title: course.title,
    code: course.code,
    term: course.term,
    description: course.description,
    archived: course.archived,
    timeZone: course.timeZone,
    joinCodeEnabled: course.joinCodeEnabled,
    myRole: options.myRole,
    createdAt: course.createdAt,
    updatedAt: course.updatedAt,
  };
  if (options.canUpdate) {
    result.joinCode = course.joinCode;
  }
  return result;
}

export function presentRosterEntry(
  enrolment: EnrolmentRecord,
  names: Map<string, string>,
): RosterEntry {
  return {
    username: enrolment.username,
    displayName: names.get(enrolment.username) ?? enrolment.username,
    role: enrolment.role,
    joinedAt: enrolment.joinedAt,
  };
}

/** How the caller sees a post or comment: names, and their own standing. */
export type ViewOptions = Actor & { names: Map<string, string> };

/** The author of a post or comment as shown, and whether the caller may change it. */
function authorFields(authorUsername: string, options: ViewOptions) {
  return {
    authorUsername,
    authorDisplayName: authorDisplayName(options.names, authorUsername),
    canEdit: mayChange(options, authorUsername),
  };
}

export function presentPost(post: PostRecord, options: ViewOptions): Post {
  return {
    id: post.id,
    courseId: post.courseId,
    board: post.board,
    title: post.title,
    body: post.body,
    ...authorFields(post.authorUsername, options),
    pinned: post.pinned,
    locked: post.locked,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    commentCount: post.commentCount,
    canModerate: options.canModerate,
  };
}

export function presentComment(
  comment: CommentRecord,
  options: ViewOptions,
): Comment {
  return {
    id: comment.id,
    postId: comment.postId,
    body: comment.body,
    ...authorFields(comment.authorUsername, options),
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
  };
}

export function presentMaterial(material: MaterialRecord): Material {
  return {
    id: material.id,
    courseId: material.courseId,
    filename: material.filename,
    size: material.size,
    contentType: material.contentType,
    // Shown as a name: a deleted account's uploads read "deleted user".
    uploadedBy: uploaderName(material.uploadedBy),
    createdAt: material.createdAt,
  };
}
