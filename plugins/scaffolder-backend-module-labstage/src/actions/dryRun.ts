import type { RosterEntry } from '@internal/backstage-plugin-courses-common';
import type {
  CourseEnvironment,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';
import { LabstagePluginApi } from '../labstageApi';

/*
 * What dry runs read. Only GET routes, each answering as the real run's
 * route would for this user: an image or course the user may not use is an
 * error here too, with the plugin's own message.
 */

/**
 * What a dry run outputs in place of ids it did not create. A later step
 * of the same dry run that gets it knows there is nothing to look up.
 */
export const DRY_RUN_PLACEHOLDER = 'dry-run';

/** A well-formed saved image id, to validate a request around a placeholder. */
export const PLACEHOLDER_UUID = '00000000-0000-4000-8000-000000000000';

/** The caller's saved images (`GET /saved-images`). */
export async function listSavedImages(
  desktops: LabstagePluginApi,
): Promise<SavedImage[]> {
  return (await desktops.get<{ items: SavedImage[] }>('/saved-images')).items;
}

/** A saved image the user may use (`GET /saved-images/:id`), described. */
export async function describeSavedImage(
  desktops: LabstagePluginApi,
  imageId: string,
): Promise<string> {
  if (imageId === DRY_RUN_PLACEHOLDER) {
    return 'the image saved by an earlier step (not saved in this dry run)';
  }
  const image = await desktops.get<SavedImage>(
    `/saved-images/${encodeURIComponent(imageId)}`,
  );
  return `saved image ${image.ref} (${image.id})`;
}

/**
 * A course whose environment the user manages, described with the version
 * a publish would make. `GET /courses/:courseId/environment/versions` needs
 * the same permission as publishing and cloning for the course, so a user
 * who may not do that gets the refusal in the dry run too.
 */
export async function describeManagedCourse(
  desktops: LabstagePluginApi,
  courseId: string,
): Promise<{ description: string; nextVersion: number }> {
  if (courseId === DRY_RUN_PLACEHOLDER) {
    return {
      description:
        'the course created by an earlier step (not created in this dry run)',
      nextVersion: 1,
    };
  }
  const { items } = await desktops.get<{ items: CourseEnvironment[] }>(
    `/courses/${encodeURIComponent(courseId)}/environment/versions`,
  );
  const latest = Math.max(0, ...items.map(e => e.version));
  return {
    description: `course ${courseId} (${
      latest === 0 ? 'no environment yet' : `environment version ${latest}`
    })`,
    nextVersion: latest + 1,
  };
}

/** Usernames of a course's students (`GET /courses/:courseId/roster`). */
export async function courseStudents(
  courses: LabstagePluginApi,
  courseId: string,
): Promise<string[] | undefined> {
  if (courseId === DRY_RUN_PLACEHOLDER) {
    return undefined;
  }
  const { items } = await courses.get<{ items: RosterEntry[] }>(
    `/courses/${encodeURIComponent(courseId)}/roster`,
  );
  return items.filter(e => e.role === 'student').map(e => e.username);
}
