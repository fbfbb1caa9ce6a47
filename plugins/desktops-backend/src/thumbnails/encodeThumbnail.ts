import sharp from 'sharp';
import { BYTES_PER_PIXEL, Framebuffer } from './Framebuffer';

// Every input is a fresh screen: libvips' operation cache would only hold
// on to framebuffers.
sharp.cache(false);

export type ThumbnailImage = {
  bytes: Buffer;
  contentType: 'image/jpeg';
  width: number;
  height: number;
};

/**
 * A small JPEG of the screen, `width` pixels wide (never wider than the
 * screen). JPEG because every browser shows it and libvips encodes it
 * fastest.
 */
export async function encodeThumbnail(
  screen: Framebuffer,
  options: { width: number; quality: number },
): Promise<ThumbnailImage> {
  const { width, height } = screen;
  const { data, info } = await sharp(screen.data, {
    raw: { width, height, channels: BYTES_PER_PIXEL },
  })
    .resize({ width: Math.min(options.width, width) })
    .jpeg({ quality: options.quality })
    .toBuffer({ resolveWithObject: true });
  return {
    bytes: data,
    contentType: 'image/jpeg',
    width: info.width,
    height: info.height,
  };
}
