import { Desktop } from '@internal/backstage-plugin-desktops-common';
import { DesktopRecord } from '../store';
import { lastActiveAt } from './activityTimes';

/**
 * The API shape of a desktop; runtime details stay on the server. Here, not
 * in http/, because the signals that `DesktopTransitions` publishes carry the
 * same shape as the REST responses.
 */
export function presentDesktop(record: DesktopRecord): Desktop {
  return {
    id: record.id,
    name: record.name,
    owner: record.owner,
    imageId: record.imageId,
    imageRef: record.imageRef,
    imageTitle: record.imageTitle,
    courseId: record.courseId,
    environmentVersion: record.environmentVersion,
    state: record.state,
    stateReason: record.stateReason,
    resources: record.resources,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    startedAt: record.startedAt,
    lastActiveAt: lastActiveAt(record),
  };
}
