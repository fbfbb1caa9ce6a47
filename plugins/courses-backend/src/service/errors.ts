import { CustomErrorBase } from '@backstage/errors';

/** 413: the upload is larger than `courses.materials.maxBytes`. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413 as const;
}

/** 423: the post is locked and takes no new comments. */
export class LockedError extends CustomErrorBase {
  name = 'LockedError' as const;
  statusCode = 423 as const;
}
