import type { Desktop, DesktopResources } from './types';

/**
 * A version of a desktop saved as an image in the registry: the system
 * changes and the home directory (seeded into new desktops' empty homes).
 *
 * @public
 */
export type SavedImage = {
  id: string;
  /** User entity ref of whoever saved it. */
  owner: string;
  /** The name the owner gave it, e.g. `python-lab`. */
  name: string;
  /** `<project>/<path>` in the registry, e.g. `personal/alice/python-lab`. */
  repository: string;
  /** The version, e.g. `v3`. */
  tag: string;
  /** Full reference, `<registry host>/<repository>:<tag>`. */
  ref: string;
  digest: string;
  /** Compressed size in the registry, base layers included. */
  sizeBytes: number;
  createdAt: string;
  /** The desktop it was saved from (it may since have been deleted); null for a build. */
  savedFromDesktopId: string | null;
  /** Course environment versions that use it. */
  usedBy: Array<{ courseId: string; version: number }>;
};

/** Steps of saving a desktop (or building an image), in order. @public */
export type ImageSavePhase =
  | 'queued'
  | 'committing'
  | 'copying-home'
  | 'building'
  | 'pushing'
  | 'recording'
  | 'done';

/** A save (or build) in progress or finished; `GET /image-saves/:id`. @public */
export type ImageSave = {
  id: string;
  /** The desktop being saved; null for an image build. */
  desktopId: string | null;
  owner: string;
  repository: string;
  tag: string;
  state: 'saving' | 'succeeded' | 'failed';
  phase: ImageSavePhase;
  /** Human-readable progress, e.g. "pushed 3 of 5 layers". */
  detail: string | null;
  /** Why it failed; the desktop is left as it was. */
  error: string | null;
  image: SavedImage | null;
  startedAt: string;
  finishedAt: string | null;
};

/**
 * One published version of a course's environment. Publishing a new
 * version changes what new launches get; existing desktops keep theirs.
 *
 * @public
 */
export type CourseEnvironment = {
  courseId: string;
  version: number;
  imageId: string;
  imageRef: string;
  description: string;
  resources: DesktopResources;
  /** User entity ref of the instructor who published it. */
  publishedBy: string;
  publishedAt: string;
};

/** `GET /courses/:courseId/environment`: the current version and my desktop. @public */
export type CourseEnvironmentView = {
  environment: CourseEnvironment | null;
  /** The caller's own desktop of this course, if launched before. */
  desktop: Desktop | null;
};

/** Messages on the signals channel of one owner's image saves. @public */
export type ImageSaveSignal = { type: 'image-save-changed'; save: ImageSave };

/** Signals channel of one owner's image saves. @public */
export function imageSaveSignalChannel(ownerEntityRef: string): string {
  return `desktop-images:${ownerEntityRef}`;
}
