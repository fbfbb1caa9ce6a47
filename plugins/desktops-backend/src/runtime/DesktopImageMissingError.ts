import { CustomErrorBase } from '@backstage/errors';

/** The desktop's image is not in the local engine (no registry to pull from). */
export class DesktopImageMissingError extends CustomErrorBase {
  name = 'DesktopImageMissingError' as const;
}
