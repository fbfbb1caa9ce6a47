import { ConflictError, NotFoundError } from '@backstage/errors';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ImageSave,
  ImageSavePhase,
  imageSaveSignalChannel,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { randomUUID } from 'node:crypto';

/** Finished saves stay readable this long, for a page opened later. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

/**
 * Saves and builds in progress, with their phase, pushed to the owner's
 * browser over signals as they move. Kept in memory: a save is tied to the
 * engine work of this process, and one interrupted by a restart has left
 * nothing behind in the registry index, so it is simply run again.
 */
export class ImageSaves {
  private readonly saves = new Map<string, ImageSave>();

  constructor(private readonly signals?: SignalsService) {}

  /** Starts tracking; refuses a second save of the same desktop or version. */
  begin(input: {
    owner: string;
    desktopId: string | null;
    repository: string;
    tag: string;
  }): ImageSave {
    this.forgetOld();
    for (const save of this.saves.values()) {
      if (save.state !== 'saving') continue;
      if (input.desktopId && save.desktopId === input.desktopId) {
        throw new ConflictError(
          'This desktop is already being saved; wait for that save to finish',
        );
      }
      if (save.repository === input.repository && save.tag === input.tag) {
        throw new ConflictError(
          `${input.repository}:${input.tag} is already being saved`,
        );
      }
    }
    const save: ImageSave = {
      id: randomUUID(),
      desktopId: input.desktopId,
      owner: input.owner,
      repository: input.repository,
      tag: input.tag,
      state: 'saving',
      phase: 'queued',
      detail: null,
      error: null,
      image: null,
      startedAt: nowIso(),
      finishedAt: null,
    };
    this.put(save);
    return save;
  }

  progress(id: string, phase: ImageSavePhase, detail?: string): void {
    const save = this.saves.get(id);
    if (!save || save.state !== 'saving') return;
    if (save.phase === phase && save.detail === (detail ?? null)) return;
    this.put({ ...save, phase, detail: detail ?? null });
  }

  succeed(id: string, image: SavedImage): void {
    const save = this.saves.get(id);
    if (!save) return;
    this.put({
      ...save,
      state: 'succeeded',
      phase: 'done',
      detail: null,
      image,
      finishedAt: nowIso(),
    });
  }

  fail(id: string, error: string): void {
    const save = this.saves.get(id);
    if (!save) return;
    this.put({ ...save, state: 'failed', error, finishedAt: nowIso() });
  }

  get(id: string): ImageSave {
    const save = this.saves.get(id);
    if (!save)
      throw new NotFoundError(
        'No such save (finished saves are kept for an hour)',
      );
    return save;
  }

  /** The owner's saves, newest first. */
  listByOwner(owner: string): ImageSave[] {
    return [...this.saves.values()]
      .filter(s => s.owner === owner)
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  private put(save: ImageSave): void {
    this.saves.set(save.id, save);
    this.signals
      ?.publish({
        recipients: { type: 'user', entityRef: save.owner },
        channel: imageSaveSignalChannel(save.owner),
        message: { type: 'image-save-changed', save },
      })
      .catch(() => {
        // Signals are a convenience; the page also polls the save.
      });
  }

  private forgetOld(): void {
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    for (const [id, save] of this.saves) {
      if (save.finishedAt && Date.parse(save.finishedAt) < cutoff) {
        this.saves.delete(id);
      }
    }
  }
}
