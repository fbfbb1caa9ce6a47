import { DesktopResources } from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';

const TABLE = 'desktop_course_environments';

/** One published version of a course environment, as stored. */
export type CourseEnvironmentRecord = {
  courseId: string;
  version: number;
  imageId: string;
  description: string;
  /** What the instructor asked for; role caps apply at launch. */
  resources: Partial<DesktopResources>;
  publishedBy: string;
  publishedAt: string;
};

type CourseEnvironmentRow = {
  course_id: string;
  version: number;
  image_id: string;
  description: string;
  resources: string;
  published_by: string;
  published_at: string;
};

function toRecord(row: CourseEnvironmentRow): CourseEnvironmentRecord {
  return {
    courseId: row.course_id,
    version: Number(row.version),
    imageId: row.image_id,
    description: row.description,
    resources: JSON.parse(row.resources),
    publishedBy: row.published_by,
    publishedAt: row.published_at,
  };
}

/** The `desktop_course_environments` table: every published version. */
export class CourseEnvironmentStore {
  constructor(private readonly knex: Knex) {}

  /**
   * Adds the next version. The primary key (course, version) makes two
   * concurrent publishes collide instead of both becoming version n; the
   * loser retries with the next number.
   */
  async publish(
    input: Omit<CourseEnvironmentRecord, 'version'>,
  ): Promise<CourseEnvironmentRecord> {
    for (let attempt = 0; ; attempt++) {
      const latest = await this.latest(input.courseId);
      const record = { ...input, version: (latest?.version ?? 0) + 1 };
      try {
        await this.knex(TABLE).insert({
          course_id: record.courseId,
          version: record.version,
          image_id: record.imageId,
          description: record.description,
          resources: JSON.stringify(record.resources),
          published_by: record.publishedBy,
          published_at: record.publishedAt,
        });
        return record;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  }

  async latest(courseId: string): Promise<CourseEnvironmentRecord | undefined> {
    const row = await this.knex<CourseEnvironmentRow>(TABLE)
      .where({ course_id: courseId })
      .orderBy('version', 'desc')
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** Every version, newest first. */
  async versions(courseId: string): Promise<CourseEnvironmentRecord[]> {
    const rows = await this.knex<CourseEnvironmentRow>(TABLE)
      .where({ course_id: courseId })
      .orderBy('version', 'desc');
    return rows.map(toRecord);
  }
}
