import type { Course } from '@internal/backstage-plugin-courses-common';
import { Knex } from 'knex';
import { isUniqueViolation } from './errors';
import { newId } from './ids';
import { generateJoinCode, normalizeJoinCode } from './joinCodes';
import { bool, CourseRow } from './rows';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

/** A stored course: the API's shape without the caller's view of it. */
export type CourseRecord = Omit<Course, 'joinCode' | 'myRole'> & {
  joinCode: string | null;
};

export type NewCourse = {
  title: string;
  code: string;
  term: string;
  description: string;
  /** IANA time zone, already validated. */
  timeZone: string;
  /** Username of the first instructor. */
  instructor: string;
  /** A fixed join code (demo seed); random when absent. */
  joinCode?: string;
};

export type CoursePatch = Partial<
  Pick<
    CourseRecord,
    'title' | 'code' | 'term' | 'description' | 'timeZone' | 'archived'
  >
>;

const MAX_JOIN_CODE_ATTEMPTS = 8;

function toRecord(row: CourseRow): CourseRecord {
  return {
    id: row.id,
    title: row.title,
    code: row.code,
    term: row.term,
    description: row.description,
    archived: bool(row.archived),
    timeZone: row.time_zone,
    joinCode: row.join_code,
    joinCodeEnabled: bool(row.join_code_enabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Courses and their join codes. */
export class CourseStore {
  constructor(private readonly knex: Knex) {}

  /** Creates a course and enrols its first instructor, atomically. */
  async create(
    input: NewCourse,
    trx?: Knex.Transaction,
  ): Promise<CourseRecord> {
    for (let attempt = 1; ; attempt++) {
      const now = nowIso();
      const row: CourseRow = {
        id: newId(),
        title: input.title,
        code: input.code,
        term: input.term,
        description: input.description,
        archived: false,
        time_zone: input.timeZone,
        join_code: input.joinCode
          ? normalizeJoinCode(input.joinCode)
          : generateJoinCode(),
        join_code_enabled: true,
        created_at: now,
        updated_at: now,
      };
      try {
        const run = async (tx: Knex.Transaction) => {
          await tx<CourseRow>('courses').insert(row);
          await tx('enrolments').insert({
            course_id: row.id,
            username: input.instructor,
            role: 'instructor',
            joined_at: now,
          });
        };
        if (trx) {
          await run(trx);
        } else {
          await this.knex.transaction(run);
        }
        return toRecord(row);
      } catch (error) {
        if (
          !input.joinCode &&
          !trx &&
          isUniqueViolation(error) &&
          attempt < MAX_JOIN_CODE_ATTEMPTS
        ) {
          continue;
        }
        throw error;
      }
    }
  }

  async get(id: string): Promise<CourseRecord | undefined> {
    const row = await this.knex<CourseRow>('courses').where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  async getMany(ids: string[]): Promise<CourseRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.knex<CourseRow>('courses').whereIn('id', ids);
    return rows.map(toRecord);
  }

  async listAll(): Promise<CourseRecord[]> {
    const rows = await this.knex<CourseRow>('courses').orderBy([
      { column: 'archived', order: 'asc' },
      { column: 'title', order: 'asc' },
      { column: 'id', order: 'asc' },
    ]);
    return rows.map(toRecord);
  }

  /** Courses the user is enrolled in (any role). */
  async listForUser(username: string): Promise<CourseRecord[]> {
    const rows = await this.knex<CourseRow>('courses')
      .join('enrolments', 'enrolments.course_id', 'courses.id')
      .where('enrolments.username', username)
      .select('courses.*')
      .orderBy([
        { column: 'courses.archived', order: 'asc' },
        { column: 'courses.title', order: 'asc' },
        { column: 'courses.id', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  async update(
    id: string,
    patch: CoursePatch,
  ): Promise<CourseRecord | undefined> {
    const changes: Partial<CourseRow> = { updated_at: nowIso() };
    if (patch.title !== undefined) changes.title = patch.title;
    if (patch.code !== undefined) changes.code = patch.code;
    if (patch.term !== undefined) changes.term = patch.term;
    if (patch.description !== undefined)
      changes.description = patch.description;
    if (patch.timeZone !== undefined) changes.time_zone = patch.timeZone;
    if (patch.archived !== undefined) changes.archived = patch.archived;
    await this.knex<CourseRow>('courses').where({ id }).update(changes);
    return this.get(id);
  }

  /** Replaces the join code with a new random, unique one (and enables it). */
  async regenerateJoinCode(id: string): Promise<CourseRecord | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.knex<CourseRow>('courses').where({ id }).update({
          join_code: generateJoinCode(),
          join_code_enabled: true,
          updated_at: nowIso(),
        });
        return this.get(id);
      } catch (error) {
        if (isUniqueViolation(error) && attempt < MAX_JOIN_CODE_ATTEMPTS) {
          continue;
        }
        throw error;
      }
    }
  }

  async setJoinCodeEnabled(
    id: string,
    enabled: boolean,
  ): Promise<CourseRecord | undefined> {
    await this.knex<CourseRow>('courses')
      .where({ id })
      .update({ join_code_enabled: enabled, updated_at: nowIso() });
    return this.get(id);
  }

  /**
   * The course a join code opens: the code must match, be enabled and the
   * course must not be archived.
   */
  async findByJoinCode(code: string): Promise<CourseRecord | undefined> {
    const normalized = normalizeJoinCode(code);
    if (!normalized) return undefined;
    const row = await this.knex<CourseRow>('courses')
      .where({ join_code: normalized })
      .first();
    if (!row) return undefined;
    const course = toRecord(row);
    return course.joinCodeEnabled && !course.archived ? course : undefined;
  }
}
