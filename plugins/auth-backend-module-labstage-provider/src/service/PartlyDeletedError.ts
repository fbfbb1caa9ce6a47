import { CustomErrorBase } from '@backstage/errors';

/**
 * Another plugin could not remove its part of an account (HTTP 502 through
 * `statusCode`). The account is left disabled, and deleting it again is safe.
 */
export class PartlyDeletedError extends CustomErrorBase {
  name = 'PartlyDeletedError';
  readonly statusCode = 502;
}
