import { ConflictError } from '@backstage/errors';
import {
  ACTIVE_DESKTOP_STATES,
  canTransition,
  DesktopResources,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';
import { Knex } from 'knex';
import { DesktopRecord, DesktopRow, toRecord } from './rows';
import { nowIso } from '@internal/backstage-plugin-labstage-node';

const TABLE = 'desktops';

export type NewDesktop = Pick<
  DesktopRecord,
  'id' | 'owner' | 'name' | 'imageId' | 'imageRef' | 'imageTitle' | 'resources'
> & {
  courseId?: string | null;
  environmentVersion?: number | null;
  homeVolume?: string | null;
  /** `stopped` for a desktop made for someone, which waits for them. */
  initialState?: 'pending' | 'stopped';
  /** When the create call arrived; the start of the launch latency. */
  launchRequestedAt: string;
};

/** Columns a transition may set along with the new state. */
export type TransitionPatch = {
  stateReason?: string | null;
  runtimeHandle?: string | null;
  homeVolume?: string | null;
  resources?: DesktopResources;
  startedAt?: string | null;
  launchRequestedAt?: string | null;
};

/** The `desktops` table. */
export class DesktopStore {
  constructor(private readonly knex: Knex) {}

  async insert(desktop: NewDesktop): Promise<DesktopRecord> {
    const now = nowIso();
    const row: DesktopRow = {
      id: desktop.id,
      owner: desktop.owner,
      name: desktop.name,
      image_id: desktop.imageId,
      image_ref: desktop.imageRef,
      image_title: desktop.imageTitle,
      course_id: desktop.courseId ?? null,
      environment_version: desktop.environmentVersion ?? null,
      state: desktop.initialState ?? 'pending',
      state_reason: null,
      resources: JSON.stringify(desktop.resources),
      runtime_handle: null,
      home_volume: desktop.homeVolume ?? null,
      created_at: now,
      updated_at: now,
      started_at: null,
      last_input_at: null,
      last_viewer_at: null,
      launch_requested_at: desktop.launchRequestedAt,
    };
    await this.knex(TABLE).insert(row);
    return toRecord(row);
  }

  async get(id: string): Promise<DesktopRecord | undefined> {
    const row = await this.knex<DesktopRow>(TABLE).where({ id }).first();
    return row ? toRecord(row) : undefined;
  }

  async getMany(ids: string[]): Promise<DesktopRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.knex<DesktopRow>(TABLE).whereIn('id', ids);
    return rows.map(toRecord);
  }

  /** One owner's desktops, oldest first (the order they were created). */
  async listByOwner(owner: string): Promise<DesktopRecord[]> {
    const rows = await this.knex<DesktopRow>(TABLE)
      .where({ owner })
      .orderBy('created_at', 'asc');
    return rows.map(toRecord);
  }

  async listAll(): Promise<DesktopRecord[]> {
    const rows = await this.knex<DesktopRow>(TABLE).orderBy(
      'created_at',
      'asc',
    );
    return rows.map(toRecord);
  }

  async listInStates(
    states: readonly DesktopState[],
  ): Promise<DesktopRecord[]> {
    const rows = await this.knex<DesktopRow>(TABLE)
      .whereIn('state', [...states])
      .orderBy('created_at', 'asc');
    return rows.map(toRecord);
  }

  /** Desktops counting against the running quota (pending/starting/running). */
  async countActive(owner: string): Promise<number> {
    const [{ count }] = await this.knex(TABLE)
      .where({ owner })
      .whereIn('state', [...ACTIVE_DESKTOP_STATES])
      .count<{ count: number | string }[]>({ count: '*' });
    return Number(count);
  }

  /** The owner's desktop of a course (at most one, by a unique index). */
  async findCourseDesktop(
    owner: string,
    courseId: string,
  ): Promise<DesktopRecord | undefined> {
    const row = await this.knex<DesktopRow>(TABLE)
      .where({ owner, course_id: courseId })
      .first();
    return row ? toRecord(row) : undefined;
  }

  /** Every desktop of a course, oldest first. */
  async listByCourse(courseId: string): Promise<DesktopRecord[]> {
    const rows = await this.knex<DesktopRow>(TABLE)
      .where({ course_id: courseId })
      .orderBy('created_at', 'asc');
    return rows.map(toRecord);
  }

  /**
   * Points a stopped desktop at another image (a newer environment). Only
   * while stopped, so the running container never disagrees with its row;
   * the next start recreates the container and keeps the home volume.
   */
  async changeImage(
    id: string,
    image: {
      imageId: string;
      imageRef: string;
      imageTitle: string;
      environmentVersion: number | null;
      resources: DesktopResources;
    },
  ): Promise<DesktopRecord | undefined> {
    const updated = await this.knex(TABLE)
      .where({ id })
      .whereIn('state', ['stopped', 'error'])
      .update({
        image_id: image.imageId,
        image_ref: image.imageRef,
        image_title: image.imageTitle,
        environment_version: image.environmentVersion,
        resources: JSON.stringify(image.resources),
        updated_at: nowIso(),
      });
    return updated === 1 ? this.get(id) : undefined;
  }

  async rename(id: string, name: string): Promise<DesktopRecord | undefined> {
    await this.knex(TABLE).where({ id }).update({ name, updated_at: nowIso() });
    return this.get(id);
  }

  /**
   * The one way a desktop's state changes. Refuses transitions the state
   * machine does not allow, and updates only if the row is still in `from`:
   * of two concurrent transitions out of the same state exactly one wins.
   * Returns the updated desktop, or undefined if the row was not in `from`
   * (or is gone).
   */
  async transition(
    id: string,
    from: DesktopState,
    to: DesktopState,
    patch: TransitionPatch = {},
  ): Promise<DesktopRecord | undefined> {
    if (!canTransition(from, to)) {
      throw new ConflictError(`A desktop cannot go from ${from} to ${to}`);
    }
    const update: Partial<DesktopRow> = {
      state: to,
      updated_at: nowIso(),
    };
    if (patch.stateReason !== undefined)
      update.state_reason = patch.stateReason;
    if (patch.runtimeHandle !== undefined) {
      update.runtime_handle = patch.runtimeHandle;
    }
    if (patch.homeVolume !== undefined) update.home_volume = patch.homeVolume;
    if (patch.resources !== undefined) {
      update.resources = JSON.stringify(patch.resources);
    }
    if (patch.startedAt !== undefined) update.started_at = patch.startedAt;
    if (patch.launchRequestedAt !== undefined) {
      update.launch_requested_at = patch.launchRequestedAt;
    }
    const count = await this.knex(TABLE)
      .where({ id, state: from })
      .update(update);
    if (count !== 1) return undefined;
    return this.get(id);
  }

  /** Records viewer or input activity (idle stop reads it). */
  async recordActivity(
    id: string,
    kind: 'input' | 'viewer',
    at: string,
  ): Promise<void> {
    const column = kind === 'input' ? 'last_input_at' : 'last_viewer_at';
    await this.knex(TABLE)
      .where({ id })
      .update({ [column]: at });
  }

  /** Deletes the row; true if there was one. */
  async delete(id: string): Promise<boolean> {
    const count = await this.knex(TABLE).where({ id }).delete();
    return count > 0;
  }
}
