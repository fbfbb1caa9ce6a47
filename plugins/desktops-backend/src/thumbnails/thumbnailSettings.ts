import { RootConfigService } from '@backstage/backend-plugin-api';
import { z } from 'zod';

const schema = z.strictObject({
  intervalSeconds: z.number().min(0.1).max(60).default(2),
  lingerSeconds: z.number().min(0.1).max(3600).default(15),
  width: z.number().int().min(16).max(1920).default(320),
  quality: z.number().int().min(1).max(100).default(70),
  firstFrameWaitSeconds: z.number().min(0).max(30).default(5),
  maxReaders: z.number().int().min(1).default(500),
});

/** `desktops.thumbnails`, in milliseconds. */
export type ThumbnailSettings = {
  /** Least time between two screen update requests of one reader. */
  intervalMs: number;
  /** A reader nobody asked for this long is closed. */
  lingerMs: number;
  /** Thumbnail width in pixels. */
  width: number;
  /** JPEG quality, 1–100. */
  quality: number;
  /** How long the first request for a desktop waits for its first picture. */
  firstFrameWaitMs: number;
  /** Readers open at once, over all desktops. */
  maxReaders: number;
  handshakeTimeoutMs: number;
  /** A failed reader is not dialled again before this. */
  retryAfterFailureMs: number;
};

/** Reads `desktops.thumbnails`; throws naming the bad key. */
export function readThumbnailSettings(
  config: RootConfigService,
): ThumbnailSettings {
  const result = schema.safeParse(
    config.getOptional('desktops.thumbnails') ?? {},
  );
  if (!result.success) {
    const details = result.error.issues
      .map(i => `desktops.thumbnails.${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid desktops config: ${details}`);
  }
  const s = result.data;
  return {
    intervalMs: s.intervalSeconds * 1000,
    lingerMs: s.lingerSeconds * 1000,
    width: s.width,
    quality: s.quality,
    firstFrameWaitMs: s.firstFrameWaitSeconds * 1000,
    maxReaders: s.maxReaders,
    handshakeTimeoutMs: 5_000,
    retryAfterFailureMs: 5_000,
  };
}
