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
  authorDisplayName,
  isAuthorOf,
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

export function presentPost(
  post: PostRecord,
  options: {
    names: Map<string, string>;
    callerUsername?: string;
    canModerate: boolean;
  },
): Post {
  const isAuthor = isAuthorOf(options.callerUsername, post.authorUsername);
  return {
    id: post.id,
    courseId: post.courseId,
    board: post.board,
    title: post.title,
    body: post.body,
    authorUsername: post.authorUsername,
    authorDisplayName: authorDisplayName(options.names, post.authorUsername),
    pinned: post.pinned,
    locked: post.locked,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    commentCount: post.commentCount,
    canEdit: isAuthor || options.canModerate,
    canModerate: options.canModerate,
  };
}

export function presentComment(
  comment: CommentRecord,
  options: {
    names: Map<string, string>;
    callerUsername?: string;
    canModerate: boolean;
  },
): Comment {
  const isAuthor = isAuthorOf(options.callerUsername, comment.authorUsername);
  return {
    id: comment.id,
    postId: comment.postId,
    body: comment.body,
    authorUsername: comment.authorUsername,
    authorDisplayName: authorDisplayName(options.names, comment.authorUsername),
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    canEdit: isAuthor || options.canModerate,
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
