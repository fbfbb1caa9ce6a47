import { Knex } from 'knex';
import { MaterialRow, num } from './rows';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

export type MaterialRecord = {
  id: string;
  courseId: string;
  filename: string;
  storageKey: string;
  size: number;
  contentType: string;
  uploadedBy: string;
  createdAt: string;
};

function toRecord(row: MaterialRow): MaterialRecord {
  return {
    id: row.id,
    courseId: row.course_id,
    filename: row.filename,
    storageKey: row.storage_key,
    size: num(row.size),
    contentType: row.content_type,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

/** Metadata of uploaded course materials (bytes live in MaterialStorage). */
export class MaterialStore {
  constructor(private readonly knex: Knex) {}

  async insert(
    input: Omit<MaterialRecord, 'createdAt'>,
    trx?: Knex.Transaction,
  ): Promise<MaterialRecord> {
    const row: MaterialRow = {
      id: input.id,
      course_id: input.courseId,
      filename: input.filename,
      storage_key: input.storageKey,
      size: input.size,
      content_type: input.contentType,
      uploaded_by: input.uploadedBy,
      created_at: nowIso(),
    };
    await (trx ?? this.knex)<MaterialRow>('materials').insert(row);
    return toRecord(row);
  }

  async get(courseId: string, id: string): Promise<MaterialRecord | undefined> {
    const row = await this.knex<MaterialRow>('materials')
      .where({ id, course_id: courseId })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** Newest first. */
  async list(courseId: string): Promise<MaterialRecord[]> {
    const rows = await this.knex<MaterialRow>('materials')
      .where({ course_id: courseId })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ]);
    return rows.map(toRecord);
  }

  async delete(courseId: string, id: string): Promise<boolean> {
    const count = await this.knex<MaterialRow>('materials')
      .where({ id, course_id: courseId })
      .delete();
    return count > 0;
  }
}
