import sharp from 'sharp';
import { encodeThumbnail } from './encodeThumbnail';
import { Framebuffer } from './Framebuffer';

describe('encodeThumbnail', () => {
  it('makes a JPEG 320 px wide in the screen colours, whatever the pad byte (Xvnc sends 0)', async () => {
    const screen = new Framebuffer(1280, 800);
    // Left half one colour, right half another; pad bytes stay 0.
    const row = Buffer.alloc(1280 * 4);
    for (let x = 0; x < 1280; x++) {
      row.set(x < 640 ? [40, 100, 200] : [230, 120, 10], x * 4);
    }
    screen.putRows(0, 0, 1280, Buffer.concat(Array(800).fill(row)));

    const image = await encodeThumbnail(screen, { width: 320, quality: 70 });
    expect(image).toMatchObject({
      contentType: 'image/jpeg',
      width: 320,
      height: 200,
    });
    const { data, info } = await sharp(image.bytes)
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({
      format: 'raw',
      width: 320,
      height: 200,
      channels: 3,
    });
    const at = (x: number, y: number) => [
      ...data.subarray((y * 320 + x) * 3, (y * 320 + x) * 3 + 3),
    ];
    for (const [x, want] of [
      [40, [40, 100, 200]],
      [280, [230, 120, 10]],
    ] as const) {
      at(x, 100).forEach((v, i) =>
        expect(Math.abs(v - want[i])).toBeLessThan(8),
      );
    }
  });

  it('never makes a picture wider than the screen', async () => {
    const image = await encodeThumbnail(new Framebuffer(64, 40), {
      width: 320,
      quality: 70,
    });
    expect(image).toMatchObject({ width: 64, height: 40 });
  });
});
