import { NotFoundError } from '@backstage/errors';
import { Router } from 'express';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const ID_PARAMS: Array<[param: string, what: string]> = [
  ['courseId', 'Course'],
  ['postId', 'Post'],
  ['commentId', 'Comment'],
  ['materialId', 'Material'],
];

/**
 * Row ids are UUIDs, so anything else names nothing: 404 before any query.
 * Checked up front because PostgreSQL answers some strings (a NUL byte)
 * with an error rather than a miss, which would surface as a 500.
 */
export function addIdParamChecks(router: Router) {
  for (const [param, what] of ID_PARAMS) {
    router.param(param, (_req, _res, next, value: string) =>
      next(
        UUID.test(value) ? undefined : new NotFoundError(`${what} not found`),
      ),
    );
  }
}
