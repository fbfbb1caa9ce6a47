import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  createCourseRequestSchema,
  type Course,
  type CreateCourseRequest,
} from '@internal/backstage-plugin-courses-common';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { LabstageApi } from '../labstageApi';
import { DRY_RUN_PLACEHOLDER } from './dryRun';
import { given } from './inputs';

/**
 * `labstage:course:create`
 *
 * @public
 */
export function createCourseCreateAction(options: { api: LabstageApi }) {
  return createTemplateAction({
    id: 'labstage:course:create',
    description:
      'Creates a course (POST /api/courses/courses) with the user who started the template as its instructor. Runs as that user: only instructors and admins may create courses.',
    supportsDryRun: true,
    schema: {
      input: z =>
        z.object({
          title: z.string().min(1).describe('Course title'),
          code: z.string().min(1).describe('Short code, e.g. CS101'),
          term: z.string().optional().describe('Term, e.g. Autumn 2026'),
          description: z
            .string()
            .optional()
            .describe('Course description (markdown)'),
        }),
      output: z =>
        z.object({
          courseId: z
            .string()
            .describe(
              `Id of the new course ("${DRY_RUN_PLACEHOLDER}" in a dry run)`,
            ),
          code: z.string().describe('The course code, as stored'),
          title: z.string().describe('The course title, as stored'),
        }),
    },
    async handler(ctx) {
      const term = given(ctx.input.term);
      const description = given(ctx.input.description);
      const body: CreateCourseRequest = {
        title: ctx.input.title,
        code: ctx.input.code,
        ...(term !== undefined && { term }),
        ...(description !== undefined && { description }),
      };
      const valid = parseInput(createCourseRequestSchema, body);
      if (ctx.isDryRun) {
        ctx.logger.info(
          `Dry run: would create course ${valid.code} "${valid.title}"${
            valid.term ? ` (${valid.term})` : ''
          } with you as its instructor; nothing was created`,
        );
        ctx.output('courseId', DRY_RUN_PLACEHOLDER);
        ctx.output('code', valid.code);
        ctx.output('title', valid.title);
        return;
      }
      const course = await options.api
        .forInitiator(ctx, 'courses')
        .post<Course>('/courses', body);
      ctx.logger.info(
        `Created course ${course.code} "${course.title}" (${course.id})`,
      );
      ctx.output('courseId', course.id);
      ctx.output('code', course.code);
      ctx.output('title', course.title);
    },
  });
}
