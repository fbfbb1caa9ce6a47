import { Knex } from 'knex';
import { CommentStore } from './CommentStore';
import { CourseStore } from './CourseStore';
import { EnrolmentStore } from './EnrolmentStore';
import { MaterialStore } from './MaterialStore';
import { PostStore } from './PostStore';
import { SeedStore } from './SeedStore';
import { UserDataStore } from './UserDataStore';

export type { CourseRecord, CoursePatch, NewCourse } from './CourseStore';
export type { EnrolmentRecord, MemberRemoval } from './EnrolmentStore';
export type { PostRecord, PostPatch, BoardName } from './PostStore';
export type { CommentRecord } from './CommentStore';
export type { MaterialRecord } from './MaterialStore';
export type {
  RemovedUserData,
  RemoveUserResult,
  SoleInstructorCourse,
} from './UserDataStore';
export { applyMigrations } from './migrate';
export {
  generateJoinCode,
  normalizeJoinCode,
  JOIN_CODE_ALPHABET,
} from './joinCodes';

/** All courses tables, one small store per table. */
export type CoursesStore = {
  knex: Knex;
  courses: CourseStore;
  enrolments: EnrolmentStore;
  posts: PostStore;
  comments: CommentStore;
  materials: MaterialStore;
  seeds: SeedStore;
  users: UserDataStore;
};

export function createCoursesStore(knex: Knex): CoursesStore {
  return {
    knex,
    courses: new CourseStore(knex),
    enrolments: new EnrolmentStore(knex),
    posts: new PostStore(knex),
    comments: new CommentStore(knex),
    materials: new MaterialStore(knex),
    seeds: new SeedStore(knex),
    users: new UserDataStore(knex),
  };
}
