import {
  singleLineText,
  storableText,
} from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';
import { courseTimeZoneSchema } from './timeZone';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './types';

const usernamePattern = /^[a-z][a-z0-9_.-]{2,31}$/;

// Free text below goes through labstage-common's text rules: no field takes
// U+0000 or an unpaired surrogate (PostgreSQL can't store the one, UTF-8 has
// no form for the other); single-line fields (titles, term, join code) also
// refuse control characters and line breaks; bodies and descriptions keep
// tabs and line breaks. Usernames and course codes have ASCII patterns that
// already refuse all of these.

/** @public */
export const courseUsernameSchema = z
  .string()
  .regex(usernamePattern, 'Username is not valid');

/** @public */
export const courseTitleSchema = singleLineText(
  'Title',
  z
    .string()
    .trim()
    .min(1, 'Title is required')
    .max(200, 'Title must be at most 200 characters'),
);

/** @public */
export const courseCodeSchema = z
  .string()
  .trim()
  .min(1, 'Code is required')
  .max(32, 'Code must be at most 32 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]*$/,
    'Code may only contain letters, digits, spaces, ".", "_" and "-"',
  );

/** @public */
export const courseTermSchema = singleLineText(
  'Term',
  z.string().trim().max(100, 'Term must be at most 100 characters'),
);

/** Markdown. @public */
export const courseDescriptionSchema = storableText(
  'Description',
  z.string().max(20000, 'Description must be at most 20000 characters'),
);

/**
 * `POST /courses`. Without `timeZone` the course gets the installation's
 * `courses.defaultTimeZone`, filled in by courses-backend.
 *
 * @public
 */
export const createCourseRequestSchema = z.strictObject({
  title: courseTitleSchema,
  code: courseCodeSchema,
  term: courseTermSchema.default(''),
  description: courseDescriptionSchema.default(''),
  timeZone: courseTimeZoneSchema.optional(),
});
/** @public */
export type CreateCourseRequest = z.input<typeof createCourseRequestSchema>;

/** `PATCH /courses/:courseId` @public */
export const updateCourseRequestSchema = z
  .strictObject({
    title: courseTitleSchema.optional(),
    code: courseCodeSchema.optional(),
    term: courseTermSchema.optional(),
    description: courseDescriptionSchema.optional(),
    timeZone: courseTimeZoneSchema.optional(),
    archived: z.boolean().optional(),
  })
  .refine(v => Object.keys(v).length > 0, {
    message: 'Nothing to update',
  });
/** @public */
export type UpdateCourseRequest = z.input<typeof updateCourseRequestSchema>;

/** `POST /courses/:courseId/join-code` @public */
export const joinCodeActionRequestSchema = z.strictObject({
  action: z.enum(['regenerate', 'enable', 'disable'], {
    error: 'Action must be one of regenerate, enable, disable',
  }),
});
/** @public */
export type JoinCodeActionRequest = z.input<typeof joinCodeActionRequestSchema>;

/**
 * Lenient on purpose about the format (any case, blanks around it; the
 * store normalizes), so a mistyped code gets the plain 404 "not valid".
 *
 * @public
 */
export const joinCodeSchema = singleLineText(
  'Join code',
  z
    .string()
    .trim()
    .min(1, 'Join code is required')
    .max(64, 'Join code must be at most 64 characters'),
);

/** `POST /join` @public */
export const joinCourseRequestSchema = z.strictObject({ code: joinCodeSchema });
/** @public */
export type JoinCourseRequest = z.input<typeof joinCourseRequestSchema>;

/** `POST /courses/:courseId/instructors` @public */
export const addInstructorRequestSchema = z.strictObject({
  username: courseUsernameSchema,
});
/** @public */
export type AddInstructorRequest = z.input<typeof addInstructorRequestSchema>;

/** @public */
export const boardSchema = z.enum(['announcements', 'qa'], {
  error: 'Board must be "announcements" or "qa"',
});

/** @public */
export const postTitleSchema = singleLineText(
  'Title',
  z
    .string()
    .trim()
    .min(1, 'Title is required')
    .max(200, 'Title must be at most 200 characters'),
);

/** Markdown of posts and comments. @public */
export const markdownBodySchema = storableText(
  'Body',
  z
    .string()
    .trim()
    .min(1, 'Body is required')
    .max(50000, 'Body must be at most 50000 characters'),
);

/** `POST /courses/:courseId/posts` @public */
export const createPostRequestSchema = z.strictObject({
  board: boardSchema,
  title: postTitleSchema,
  body: markdownBodySchema,
});
/** @public */
export type CreatePostRequest = z.input<typeof createPostRequestSchema>;

/**
 * `PATCH /courses/:courseId/posts/:postId`. title/body need authorship,
 * pinned/locked need `courses.post.moderate`.
 *
 * @public
 */
export const updatePostRequestSchema = z
  .strictObject({
    title: postTitleSchema.optional(),
    body: markdownBodySchema.optional(),
    pinned: z.boolean().optional(),
    locked: z.boolean().optional(),
  })
  .refine(v => Object.keys(v).length > 0, { message: 'Nothing to update' });
/** @public */
export type UpdatePostRequest = z.input<typeof updatePostRequestSchema>;

/** `POST` / `PATCH` comments @public */
export const commentRequestSchema = z.strictObject({
  body: markdownBodySchema,
});
/** @public */
export type CommentRequest = z.input<typeof commentRequestSchema>;

/** Query of `GET /courses/:courseId/posts` @public */
export const listPostsQuerySchema = z.object({
  board: boardSchema,
  page: z.coerce
    .number()
    .int('page must be an integer')
    .min(1, 'page must be at least 1')
    .default(1),
  pageSize: z.coerce
    .number()
    .int('pageSize must be an integer')
    .min(1, 'pageSize must be at least 1')
    .max(MAX_PAGE_SIZE, `pageSize must be at most ${MAX_PAGE_SIZE}`)
    .default(DEFAULT_PAGE_SIZE),
});
/** @public */
export type ListPostsQuery = z.input<typeof listPostsQuerySchema>;

/** Query of `GET /courses` @public */
export const listCoursesQuerySchema = z.object({
  scope: z
    .enum(['mine', 'all'], { error: 'scope must be "mine" or "all"' })
    .default('mine'),
});

/** The `scope` of `GET /courses`: the caller's courses, or every course. @public */
export type CourseListScope = z.output<typeof listCoursesQuerySchema>['scope'];

/**
 * Query of `POST /courses/:courseId/materials`. The file name is not held
 * to the text rules: it comes from the user's file system rather than being
 * typed, and courses-backend neutralizes it before storing (control
 * characters including NUL are dropped, the path is cut to its last
 * segment). An unpaired surrogate can't arrive in a query string: its
 * percent-encoded UTF-8 bytes fail to decode and stay as they are.
 *
 * @public
 */
export const uploadMaterialQuerySchema = z.object({
  filename: z
    .string()
    .min(1, 'filename query parameter is required')
    .max(1000, 'filename must be at most 1000 characters'),
});

/** `POST /internal/enrolments` @public */
export const internalEnrolmentRequestSchema = z.strictObject({
  code: joinCodeSchema,
  username: courseUsernameSchema,
});
/** @public */
export type InternalEnrolmentRequest = z.input<
  typeof internalEnrolmentRequestSchema
>;
