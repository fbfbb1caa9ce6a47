import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  FakeDisplayOptions,
  FakeRfbSession,
  serveFakeRfbDisplay,
  serverMessages as m,
} from '../__testUtils__/fakeRfbDisplay';
import { Framebuffer } from './Framebuffer';
import { RfbFrameReader } from './RfbFrameReader';

/**
 * The thumbnail reader against a fake display speaking RFB on a unix
 * socket: what it decodes, how it paces its requests, and that it refuses
 * a display that sends sizes, rectangles or messages it must not accept.
 * Real Xvnc displays are covered by thumbnails.test.ts.
 */

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rfbr-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let n = 0;
async function withDisplay<T>(
  options: FakeDisplayOptions,
  body: (
    display: Awaited<ReturnType<typeof serveFakeRfbDisplay>>,
  ) => Promise<T>,
): Promise<T> {
  n += 1;
  const display = await serveFakeRfbDisplay(path.join(dir, `d${n}.sock`), {
    ...options,
  });
  try {
    return await body(display);
  } finally {
    await display.close();
  }
}

const pixel = (screen: Framebuffer, x: number, y: number) => [
  ...screen.data.subarray(
    (y * screen.width + x) * 3,
    (y * screen.width + x) * 3 + 3,
  ),
];

describe('RfbFrameReader', () => {
  it('asks for 32-bit RGB with Raw, CopyRect and DesktopSize, and keeps the screen from Raw and CopyRect updates', async () => {
    const frames: number[][][] = [];
    const script = async (s: FakeRfbSession) => {
      const first = await s.nextUpdateRequest();
      expect(first).toMatchObject({
        incremental: false,
        x: 0,
        y: 0,
        width: 4,
        height: 3,
      });
      s.send(m.update([m.raw(0, 0, 4, 3, [255, 0, 0])]));
      const second = await s.nextUpdateRequest();
      expect(second.incremental).toBe(true);
      s.send(
        m.update([
          m.raw(1, 1, 2, 1, [0, 0, 255]),
          // The blue pixel at 2,1 also appears at 0,2.
          m.copyRect(2, 1, 0, 2, 1, 1),
        ]),
      );
      await s.nextUpdateRequest();
      s.send(m.update([m.desktopSize(2, 2)]));
      const afterResize = await s.nextUpdateRequest();
      expect(afterResize).toMatchObject({ incremental: false, width: 2 });
      s.send(m.update([m.raw(0, 0, 2, 2, [0, 255, 0])]));
      await s.closed;
    };
    await withDisplay({ width: 4, height: 3, script }, async display => {
      let resolveDone!: () => void;
      const fourFrames = new Promise<void>(r => {
        resolveDone = r;
      });
      const reader = await RfbFrameReader.open(display.endpoint, {
        intervalMs: 10,
        handshakeTimeoutMs: 5_000,
        onFrame: async screen => {
          const rows: number[][] = [];
          for (let y = 0; y < screen.height; y++) {
            for (let x = 0; x < screen.width; x++)
              rows.push(pixel(screen, x, y));
          }
          frames.push(rows);
          if (frames.length === 4) resolveDone();
        },
      });
      await fourFrames;
      reader.close();
      await reader.done;
      const session = display.sessions[0];
      // 32 bpp, depth 24, little endian, true colour, 255 max, R0 G8 B16.
      expect([...session.pixelFormat!]).toEqual([
        0, 0, 0, 32, 24, 0, 1, 0, 255, 0, 255, 0, 255, 0, 8, 16, 0, 0, 0,
      ]);
      expect(session.encodings).toEqual([1, 0, -223]);
    });
    const red = [255, 0, 0];
    const blue = [0, 0, 255];
    expect(frames[0]).toEqual(Array(12).fill(red));
    expect(frames[1]).toEqual([
      red,
      red,
      red,
      red,
      red,
      blue,
      blue,
      red,
      blue,
      red,
      red,
      red,
    ]);
    // Resized: a blank 2x2 screen, then its first picture.
    expect(frames[2]).toEqual(Array(4).fill([0, 0, 0]));
    expect(frames[3]).toEqual(Array(4).fill([0, 255, 0]));
  });

  it('asks for updates no more often than its interval, even when every update comes at once', async () => {
    await withDisplay({ width: 8, height: 8 }, async display => {
      let frames = 0;
      const reader = await RfbFrameReader.open(display.endpoint, {
        intervalMs: 300,
        handshakeTimeoutMs: 5_000,
        onFrame: async () => {
          frames += 1;
        },
      });
      await new Promise(r => setTimeout(r, 1_000));
      reader.close();
      // At 0, 300, 600 and 900 ms; an unpaced reader would ask hundreds of times.
      expect(frames).toBeGreaterThanOrEqual(3);
      expect(frames).toBeLessThanOrEqual(4);
    });
  });

  it('stops reading when closed and hangs up', async () => {
    await withDisplay({ width: 8, height: 8 }, async display => {
      const reader = await RfbFrameReader.open(display.endpoint, {
        intervalMs: 50,
        handshakeTimeoutMs: 5_000,
        onFrame: async () => undefined,
      });
      expect(display.openConnections()).toBe(1);
      reader.close();
      await expect(reader.done).resolves.toBeUndefined();
      await display.sessions[0].closed;
      expect(display.openConnections()).toBe(0);
    });
  });

  describe('refuses a hostile display with a clear error and hangs up', () => {
    it.each([
      [
        'a screen too wide',
        { width: 60000, height: 10 },
        /60000x10 screen in ServerInit; each side must be 1 to 8192/,
      ],
      [
        'a screen of no pixels',
        { width: 0, height: 10 },
        /0x10 screen in ServerInit/,
      ],
      [
        'a screen too large',
        { width: 8192, height: 8192 },
        /8192x8192 screen in ServerInit; more than 16777216 pixels/,
      ],
      [
        'a giant desktop name',
        { width: 8, height: 8, nameLength: 0x7fffffff },
        /2147483647-byte desktop name/,
      ],
    ])('at login: %s', async (_, options, error) => {
      await withDisplay(
        {
          ...options,
          script: async s => {
            await s.closed;
          },
        },
        async display => {
          await expect(
            RfbFrameReader.open(display.endpoint, {
              intervalMs: 10,
              handshakeTimeoutMs: 5_000,
              onFrame: async () => undefined,
            }),
          ).rejects.toThrow(error);
          await display.sessions[0]?.closed;
          expect(display.openConnections()).toBe(0);
        },
      );
    });

    it.each([
      [
        'a rectangle past the right edge',
        m.update([m.raw(3, 0, 2, 1, [1, 2, 3])]),
        /2x1 rectangle at 3,0, outside its 4x3 screen/,
      ],
      [
        'a rectangle of 65535x65535',
        m.update([m.header(0, 0, 65535, 65535, 0)]),
        /65535x65535 rectangle at 0,0, outside/,
      ],
      [
        'a CopyRect from outside the screen',
        m.update([m.copyRect(4, 0, 0, 0, 1, 1)]),
        /CopyRect from 4,0 \(1x1\), outside its 4x3 screen/,
      ],
      [
        'a resize to 0x0',
        m.update([m.desktopSize(0, 0)]),
        /0x0 screen in a DesktopSize update/,
      ],
      [
        'a resize to 9000x9000',
        m.update([m.desktopSize(9000, 9000)]),
        /9000x9000 screen in a DesktopSize update/,
      ],
      [
        'an encoding it did not ask for (Tight)',
        m.update([m.header(0, 0, 1, 1, 7)]),
        /encoding 7, which the thumbnail reader did not ask for/,
      ],
      [
        'a colour map',
        Buffer.from([1, 0, 0, 0, 0, 1]),
        /colour map for a true-colour pixel format/,
      ],
      ['an unknown message', Buffer.from([99]), /unknown message type 99/],
      [
        '1 GiB of clipboard text',
        m.cutTextHeader(1 << 30),
        /1073741824 bytes of clipboard text; at most 1048576/,
      ],
      [
        'a flood of bells',
        Buffer.alloc(1001, 2),
        /over 1000 messages without a screen update/,
      ],
    ])('after login: %s', async (_, hostile, error) => {
      const script = async (s: FakeRfbSession) => {
        await s.nextUpdateRequest();
        s.send(m.update([m.raw(0, 0, 4, 3, [9, 9, 9])]));
        await s.nextUpdateRequest();
        s.send(hostile);
        await s.closed;
      };
      await withDisplay({ width: 4, height: 3, script }, async display => {
        const reader = await RfbFrameReader.open(display.endpoint, {
          intervalMs: 10,
          handshakeTimeoutMs: 5_000,
          onFrame: async () => undefined,
        });
        await expect(reader.done).rejects.toThrow(error);
        await display.sessions[0].closed;
        expect(display.openConnections()).toBe(0);
      });
    });
  });
});
