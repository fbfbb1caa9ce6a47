import { CustomErrorBase } from '@backstage/errors';

/**
 * A file is larger than the configured limit. Drivers throw it from
 * `uploadFile` and `downloadFile`, and the file routes before streaming; it
 * carries `statusCode` 413, which Backstage's error middleware passes through
 * to the response.
 *
 * @public
 */
export class FileTooLargeError extends CustomErrorBase {
  name = 'FileTooLargeError' as const;
  readonly statusCode = 413;
  constructor(readonly maxBytes: number, message?: string) {
    super(
      message ??
        `The file is larger than the limit of ${formatBytes(maxBytes)}`,
    );
  }
}

/** A byte count as people read it: `100 MiB`, `1.5 MiB`, `12 KiB`. */
function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0)
    return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KiB`;
  return `${bytes} bytes`;
}
