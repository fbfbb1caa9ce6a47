import { Desktop } from '@internal/backstage-plugin-desktops-common';
import { DesktopRecord } from '../store';

function latest(...times: Array<string | null>): string | null {
  const present = times.filter((t): t is string => t !== null);
  return present.length > 0 ? present.sort()[present.length - 1] : null;
}

/** The API shape of a desktop; runtime details stay on the server. */
export function presentDesktop(record: DesktopRecord): Desktop {
  return {
    id: record.id,
    name: record.name,
    owner: record.owner,
    imageId: record.imageId,
    imageRef: record.imageRef,
    imageTitle: record.imageTitle,
    courseId: record.courseId,
    state: record.state,
    stateReason: record.stateReason,
    resources: record.resources,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    startedAt: record.startedAt,
    lastActiveAt: latest(record.lastInputAt, record.startedAt),
  };
}

/** When the desktop was last used, for idle stop: input, a viewer, or its start. */
export function lastUsedAt(record: DesktopRecord): string | null {
  return latest(record.lastInputAt, record.lastViewerAt, record.startedAt);
}
