/** Database rows, as stored. */

export type CourseRow = {
  id: string;
  title: string;
  code: string;
  term: string;
  description: string;
  archived: boolean | number;
  time_zone: string;
  join_code: string | null;
  join_code_enabled: boolean | number;
  created_at: string;
  updated_at: string;
};

export type EnrolmentRow = {
  course_id: string;
  username: string;
  role: 'instructor' | 'student';
  joined_at: string;
};

export type PostRow = {
  id: string;
  course_id: string;
  board: 'announcements' | 'qa';
  title: string;
  body: string;
  author_username: string;
  pinned: boolean | number;
  locked: boolean | number;
  created_at: string;
  updated_at: string;
};

export type CommentRow = {
  id: string;
  post_id: string;
  body: string;
  author_username: string;
  created_at: string;
  updated_at: string;
};

export type MaterialRow = {
  id: string;
  course_id: string;
  filename: string;
  storage_key: string;
  size: number | string;
  content_type: string;
  uploaded_by: string;
  created_at: string;
};

/** SQLite returns 0/1 for booleans. */
export function bool(value: boolean | number): boolean {
  return value === true || value === 1;
}

/** PostgreSQL returns bigint as string. */
export function num(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}
