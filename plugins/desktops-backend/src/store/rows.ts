import {
  Desktop,
  DesktopResources,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';

/** A row of the `desktops` table, as stored. */
export type DesktopRow = {
  id: string;
  owner: string;
  name: string;
  image_id: string;
  image_ref: string;
  image_title: string;
  course_id: string | null;
  environment_version: number | null;
  state: DesktopState;
  state_reason: string | null;
  resources: string;
  runtime_handle: string | null;
  home_volume: string | null;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  last_input_at: string | null;
  last_viewer_at: string | null;
  launch_requested_at: string | null;
};

/**
 * A desktop as the service works with it: what the API shows (bar the
 * derived `lastActiveAt`) plus the runtime's handles and activity times.
 */
export type DesktopRecord = Omit<Desktop, 'lastActiveAt'> & {
  runtimeHandle: string | null;
  homeVolume: string | null;
  lastInputAt: string | null;
  lastViewerAt: string | null;
  launchRequestedAt: string | null;
};

export function toRecord(row: DesktopRow): DesktopRecord {
  return {
    id: row.id,
    owner: row.owner,
    name: row.name,
    imageId: row.image_id,
    imageRef: row.image_ref,
    imageTitle: row.image_title,
    courseId: row.course_id,
    environmentVersion:
      row.environment_version === null ? null : Number(row.environment_version),
    state: row.state,
    stateReason: row.state_reason,
    resources: JSON.parse(row.resources) as DesktopResources,
    runtimeHandle: row.runtime_handle,
    homeVolume: row.home_volume,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    lastInputAt: row.last_input_at,
    lastViewerAt: row.last_viewer_at,
    launchRequestedAt: row.launch_requested_at,
  };
}
