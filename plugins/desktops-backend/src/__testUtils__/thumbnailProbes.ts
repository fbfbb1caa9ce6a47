import { MatrixSend } from '@internal/backstage-plugin-labstage-node/testUtils';
import sharp from 'sharp';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { containerName } from '../runtime/dockerNaming';

const run = promisify(execFile);

/** A thumbnail as a grid receives it, decoded. */
export type FetchedThumbnail = {
  status: number;
  contentType?: string;
  cacheControl?: string;
  etag?: string;
  frame?: number;
  bytes: number;
  /** Decoded RGB pixels (200 only). */
  pixels?: Buffer;
  width?: number;
  height?: number;
  message?: string;
};

/** GETs a thumbnail (`path` below the desktops plugin) and decodes it with sharp. */
export async function fetchThumbnail(
  send: MatrixSend,
  path: string,
  auth: string,
): Promise<FetchedThumbnail> {
  const res = await send('get', `/api/desktops${path}`, auth)
    .buffer(true)
    .parse((response, callback) => {
      const chunks: Buffer[] = [];
      response.on('data', (c: Buffer) => chunks.push(c));
      response.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  const body = res.body as Buffer;
  if (res.status !== 200) {
    let message: string | undefined;
    try {
      message = JSON.parse(body.toString()).error?.message;
    } catch {
      message = body.toString();
    }
    return { status: res.status, bytes: body.length, message };
  }
  const { data, info } = await sharp(body)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    status: 200,
    contentType: res.headers['content-type'],
    cacheControl: res.headers['cache-control'],
    etag: res.headers.etag,
    frame: Number(res.headers['x-thumbnail-frame']),
    bytes: body.length,
    pixels: data,
    width: info.width,
    height: info.height,
  };
}

/** The share of pixels within `tolerance` of `rgb`, per channel. */
export function shareOfColour(
  pixels: Buffer,
  rgb: [number, number, number],
  tolerance = 32,
): number {
  let near = 0;
  const count = pixels.length / 3;
  for (let i = 0; i < count; i++) {
    if (
      Math.abs(pixels[i * 3] - rgb[0]) <= tolerance &&
      Math.abs(pixels[i * 3 + 1] - rgb[1]) <= tolerance &&
      Math.abs(pixels[i * 3 + 2] - rgb[2]) <= tolerance
    ) {
      near += 1;
    }
  }
  return near / count;
}

/**
 * RFB connections open to a desktop's display right now, by the display's
 * own account: Xvnc logs every connection it accepts and closes (the
 * launcher's readiness probes included, which close at once). Sockets seen
 * from outside cannot be told apart: an accepted unix socket carries no
 * path in /proc/net/unix.
 */
export async function displayConnections(desktopId: string): Promise<number> {
  const { stdout, stderr } = await run('docker', [
    'logs',
    containerName(desktopId),
  ]);
  const log = stdout + stderr;
  const count = (what: string) => log.split(what).length - 1;
  return count('Connections: accepted: ') - count('Connections: closed: ');
}
