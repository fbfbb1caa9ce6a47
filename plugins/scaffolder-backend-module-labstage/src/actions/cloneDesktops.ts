import { InputError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  cloneDesktopsRequestSchema,
  type CloneDesktopsRequest,
  type Desktop,
} from '@internal/backstage-plugin-desktops-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { LabstageApi } from '../labstageApi';
import {
  courseStudents,
  describeManagedCourse,
  describeSavedImage,
  DRY_RUN_PLACEHOLDER,
  PLACEHOLDER_UUID,
} from './dryRun';
import { given } from './inputs';
import { saveDesktopImage } from './saveDesktop';

/**
 * `labstage:desktop:clone`
 *
 * @public
 */
export function createDesktopCloneAction(options: { api: LabstageApi }) {
  return createTemplateAction({
    id: 'labstage:desktop:clone',
    description:
      "Gives people their own copy of a desktop: from a saved image (imageId), or from a desktop (desktopId), which is first saved as an image as labstage:desktop:save does. The copies go to every student of a course (courseId; the course's instructors may do this) or to listed usernames (admins only). The new desktops are created stopped: each person starts their own. Runs as the user who started the template.",
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          desktopId: z
            .string()
            .optional()
            .describe('Desktop to copy (saved first); or give imageId'),
          imageId: z
            .string()
            .optional()
            .describe('Saved image to copy; or give desktopId'),
          usernames: z
            .array(z.string().min(1))
            .optional()
            .describe('Who gets a copy; or give courseId'),
          courseId: z
            .string()
            .optional()
            .describe(
              'Every student of this course gets a copy; or give usernames',
            ),
          name: z
            .string()
            .optional()
            .describe(
              'Image name when saving from a desktop; clone-<desktop id> when left out',
            ),
        }),
      output: z =>
        z.object({
          desktopIds: z
            .array(z.string())
            .describe('Ids of the new (stopped) desktops; empty in a dry run'),
        }),
    },
    async handler(ctx) {
      const desktopId = given(ctx.input.desktopId);
      const imageId = given(ctx.input.imageId);
      const courseId = given(ctx.input.courseId);
      const usernames = ctx.input.usernames?.length
        ? ctx.input.usernames
        : undefined;
      if ((desktopId === undefined) === (imageId === undefined)) {
        throw new InputError(
          'Give exactly one of desktopId (a desktop to save and copy) and imageId (a saved image to copy)',
        );
      }
      if ((usernames === undefined) === (courseId === undefined)) {
        throw new InputError(
          'Give exactly one of usernames (who gets a copy) and courseId (every student of the course gets one)',
        );
      }
      const recipients = courseId !== undefined ? { courseId } : { usernames };
      // Refuse what the clone route would refuse before saving anything.
      parseInput(cloneDesktopsRequestSchema, {
        imageId:
          imageId === undefined || imageId === DRY_RUN_PLACEHOLDER
            ? PLACEHOLDER_UUID
            : imageId,
        ...recipients,
      });

      let sourceImageId: string;
      if (desktopId !== undefined) {
        const saved = await saveDesktopImage(options.api, ctx, {
          desktopId,
          name: given(ctx.input.name) ?? `clone-${desktopId}`,
        });
        sourceImageId = saved.imageId;
      } else {
        sourceImageId = imageId!;
      }

      const desktops = options.api.forInitiator(ctx, 'desktops');
      const listed = `${usernames?.length} user(s): ${usernames?.join(', ')}`;

      if (ctx.isDryRun) {
        let forWhom = listed;
        if (courseId !== undefined) {
          const course = await describeManagedCourse(desktops, courseId);
          const students = await courseStudents(
            options.api.forInitiator(ctx, 'courses'),
            courseId,
          );
          forWhom = students
            ? `the ${students.length} student(s) of ${
                course.description
              }: ${students.join(', ')}`
            : `every student of ${course.description}`;
        }
        const image = await describeSavedImage(desktops, sourceImageId);
        ctx.logger.info(
          `Dry run: would create a stopped desktop from ${image} for ${forWhom}; nothing was created`,
        );
        ctx.output('desktopIds', []);
        return;
      }

      const body: CloneDesktopsRequest = {
        imageId: sourceImageId,
        ...recipients,
      };
      const { items, skipped } = await desktops.post<{
        items: Desktop[];
        skipped?: string[];
      }>('/desktops/clone', body);
      const forWhom =
        courseId !== undefined ? `every student of course ${courseId}` : listed;
      ctx.logger.info(
        `Created ${
          items.length
        } stopped desktop(s) from image ${sourceImageId} for ${forWhom}: ${items
          .map(d => `${d.id} (${d.owner})`)
          .join(', ')}`,
      );
      if (skipped?.length) {
        ctx.logger.info(
          `Skipped, as they already have a desktop of this course: ${skipped.join(
            ', ',
          )}`,
        );
      }
      ctx.output(
        'desktopIds',
        items.map(d => d.id),
      );
    },
  });
}
