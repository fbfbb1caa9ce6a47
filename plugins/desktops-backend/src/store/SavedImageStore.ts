import { Knex } from 'knex';

const TABLE = 'desktop_saved_images';
const ENVIRONMENTS = 'desktop_course_environments';

/** A saved image version as stored (usage is joined in by the service). */
export type SavedImageRecord = {
  id: string;
  owner: string;
  name: string;
  repository: string;
  tag: string;
  digest: string;
  sizeBytes: number;
  savedFromDesktopId: string | null;
  createdAt: string;
};

type SavedImageRow = {
  id: string;
  owner: string;
  name: string;
  repository: string;
  tag: string;
  digest: string;
  size_bytes: number | string;
  saved_from_desktop_id: string | null;
  created_at: string;
};

function toRecord(row: SavedImageRow): SavedImageRecord {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    repository: row.repository,
    tag: row.tag,
    digest: row.digest,
    // PostgreSQL returns bigint as a string.
    sizeBytes: Number(row.size_bytes),
    savedFromDesktopId: row.saved_from_desktop_id,
    createdAt: row.created_at,
  };
}

/** The `desktop_saved_images` table: what Labstage pushed, and whose it is. */
export class SavedImageStore {
  constructor(private readonly knex: Knex) {}

  async insert(image: SavedImageRecord): Promise<SavedImageRecord> {
    await this.knex(TABLE).insert({
      id: image.id,
      owner: image.owner,
      name: image.name,
      repository: image.repository,
      tag: image.tag,
      digest: image.digest,
      size_bytes: image.sizeBytes,
      saved_from_desktop_id: image.savedFromDesktopId,
      created_at: image.createdAt,
    });
    return image;
  }

  async get(id: string): Promise<SavedImageRecord | undefined> {
    const row = await this.knex<SavedImageRow>(TABLE).where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  /** One owner's images, newest first. */
  async listByOwner(owner: string): Promise<SavedImageRecord[]> {
    const rows = await this.knex<SavedImageRow>(TABLE)
      .where({ owner })
      .orderBy([
        { column: 'created_at', order: 'desc' },
        { column: 'id', order: 'asc' },
      ]);
    return rows.map(toRecord);
  }

  /** Tags already used in a repository (to pick the next `v<n>`). */
  async tagsOf(repository: string): Promise<string[]> {
    const rows = await this.knex<SavedImageRow>(TABLE)
      .where({ repository })
      .select('tag');
    return rows.map(r => r.tag);
  }

  /** Course environment versions that use each of `imageIds`. */
  async usage(
    imageIds: string[],
  ): Promise<Map<string, Array<{ courseId: string; version: number }>>> {
    const usage = new Map<
      string,
      Array<{ courseId: string; version: number }>
    >();
    if (imageIds.length === 0) return usage;
    const rows = await this.knex(ENVIRONMENTS)
      .whereIn('image_id', imageIds)
      .select('image_id', 'course_id', 'version')
      .orderBy([
        { column: 'course_id', order: 'asc' },
        { column: 'version', order: 'asc' },
      ]);
    for (const row of rows) {
      const list = usage.get(row.image_id) ?? [];
      list.push({ courseId: row.course_id, version: Number(row.version) });
      usage.set(row.image_id, list);
    }
    return usage;
  }

  async delete(id: string): Promise<void> {
    await this.knex(TABLE).where({ id }).delete();
  }
}
