import { Knex } from 'knex';
import { DesktopStore } from './DesktopStore';
import { DisplayPasswordStore } from './DisplayPasswordStore';
import { SavedImageStore } from './SavedImageStore';
import { CourseEnvironmentStore } from './CourseEnvironmentStore';
import { ShareStore } from './ShareStore';
import { RunIntervalStore } from '../quotas/RunIntervalStore';
import { SessionStore } from './SessionStore';
import { SessionRunStore } from './SessionRunStore';

export { DesktopStore } from './DesktopStore';
export { DisplayPasswordStore } from './DisplayPasswordStore';
export { SavedImageStore } from './SavedImageStore';
export type { SavedImageRecord } from './SavedImageStore';
export { CourseEnvironmentStore } from './CourseEnvironmentStore';
export type { CourseEnvironmentRecord } from './CourseEnvironmentStore';
export { ShareStore } from './ShareStore';
export type { ShareRecord } from './ShareStore';
export { SessionStore } from './SessionStore';
export type { ClassSessionRun, ClassSessionRunState } from './SessionStore';
export { SessionRunStore } from './SessionRunStore';
export type { RunStudentOutcome } from './SessionRunStore';
export type { NewDesktop, TransitionPatch } from './DesktopStore';
export type { DesktopRecord } from './rows';
export { applyMigrations } from './migrate';
export { newDesktopId, isDesktopId, DESKTOP_ID_LENGTH } from './ids';

/** The desktops tables this plugin's service owns. */
export type DesktopsStore = {
  knex: Knex;
  desktops: DesktopStore;
  displayPasswords: DisplayPasswordStore;
  savedImages: SavedImageStore;
  environments: CourseEnvironmentStore;
  /** Who each desktop is shared with. */
  shares: ShareStore;
  /** When each desktop ran, for the hour quotas. */
  runIntervals: RunIntervalStore;
  /** The class session series of courses and their warm-up runs. */
  sessions: SessionStore;
  /** What each meeting's warm-up and after-class stop did, per student. */
  sessionRuns: SessionRunStore;
};

export function createDesktopsStore(knex: Knex): DesktopsStore {
  return {
    knex,
    desktops: new DesktopStore(knex),
    displayPasswords: new DisplayPasswordStore(knex),
    savedImages: new SavedImageStore(knex),
    environments: new CourseEnvironmentStore(knex),
    shares: new ShareStore(knex),
    runIntervals: new RunIntervalStore(knex),
    sessions: new SessionStore(knex),
    sessionRuns: new SessionRunStore(knex),
  };
}
