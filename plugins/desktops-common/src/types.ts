import type { ListResponse } from '@internal/backstage-plugin-labstage-common';

/** Lifecycle states of a desktop; see `DESKTOP_TRANSITIONS`. @public */
export type DesktopState =
  | 'pending'
  | 'starting'
  | 'running'
  | 'stopping'
  | 'stopped'
  | 'error';

/** Limits applied to a desktop's container. @public */
export type DesktopResources = {
  cpus: number;
  memoryMiB: number;
  pids: number;
};

/** An entry of the configured image catalog (`desktops.images`). @public */
export type DesktopImage = {
  id: string;
  title: string;
  description: string;
  /** OCI image reference, e.g. `labstage/desktop:latest`. */
  image: string;
  resources: DesktopResources;
};

/** A desktop as the REST API returns it. Times are ISO 8601 strings. @public */
export type Desktop = {
  id: string;
  name: string;
  /** User entity ref of the owner, `user:default/<name>`. */
  owner: string;
  imageId: string;
  imageRef: string;
  imageTitle: string;
  courseId: string | null;
  /** The course environment version a course desktop was made from. */
  environmentVersion: number | null;
  state: DesktopState;
  /** Why the desktop is in `error` (or why it last stopped by itself). */
  stateReason: string | null;
  resources: DesktopResources;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  /** Last input from a viewer, or last start. */
  lastActiveAt: string | null;
};

/** What a gateway connection may do: watch only, or send input too. @public */
export type ConnectMode = 'view' | 'control';

/**
 * What a person invited to someone else's desktop may do: watch it, or also
 * take control when the owner hands it over.
 *
 * @public
 */
export type ShareRole = 'viewer' | 'controller';

/** A single-use, short-lived ticket for one gateway connection. @public */
export type ConnectTicket = {
  ticket: string;
  mode: ConnectMode;
  desktopId: string;
  expiresAt: string;
  /** Path of the WebSocket below the plugin's base URL, ticket included. */
  path: string;
};

/** Quota state of the caller, shown next to the Launch buttons. @public */
export type DesktopQuota = {
  maxRunning: number;
  running: number;
};

/** Answer of `GET /desktops`: the caller's desktops and quota. @public */
export type DesktopListResponse = ListResponse<Desktop> & {
  quota: DesktopQuota;
};

/** Answer of `PUT /desktops/:id/files`: where the upload landed. @public */
export type UploadedFile = {
  /** File name inside `~/Uploads`, after sanitizing. */
  name: string;
  size: number;
};

/** Messages on the signals channel `desktops:<owner entity ref>`. @public */
export type DesktopSignal =
  | { type: 'desktop-changed'; desktop: Desktop }
  | { type: 'desktop-deleted'; id: string };

/** Signals channel of one owner's desktops. @public */
export function desktopSignalChannel(ownerEntityRef: string): string {
  return `desktops:${ownerEntityRef}`;
}
