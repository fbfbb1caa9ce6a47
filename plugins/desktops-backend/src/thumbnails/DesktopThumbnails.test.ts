import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { DisplayEndpoint } from '@internal/backstage-plugin-desktops-node';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import sharp from 'sharp';
import {
  FakeDisplayOptions,
  serveFakeRfbDisplay,
  serverMessages as m,
} from '../__testUtils__/fakeRfbDisplay';
import { DesktopThumbnails, ThumbnailDisplays } from './DesktopThumbnails';
import { ThumbnailSettings } from './thumbnailSettings';

/**
 * The thumbnail registry over fake displays (real Xvnc desktops are in
 * thumbnails.test.ts): one reader per desktop however often it is asked,
 * real JPEGs, readers closed when nobody asks or the desktop stops, and
 * clear refusals.
 */

const settings: ThumbnailSettings = {
  intervalMs: 100,
  lingerMs: 600,
  width: 320,
  quality: 70,
  firstFrameWaitMs: 2_000,
  maxReaders: 3,
  handshakeTimeoutMs: 2_000,
  retryAfterFailureMs: 1_000,
};

let dir: string;
const endpoints = new Map<string, DisplayEndpoint>();
const leftRunning = new Set<(id: string) => void>();
const displays: ThumbnailDisplays = {
  runningEndpoint: async id => endpoints.get(id),
  onLeftRunning: listener => {
    leftRunning.add(listener);
    return () => leftRunning.delete(listener);
  },
};
const toClose: Array<() => Promise<void> | void> = [];

async function display(id: string, options: FakeDisplayOptions) {
  const served = await serveFakeRfbDisplay(
    path.join(dir, `${id}.sock`),
    options,
  );
  endpoints.set(id, served.endpoint);
  toClose.push(() => served.close());
  return served;
}

function thumbnails(overrides: Partial<ThumbnailSettings> = {}) {
  const t = new DesktopThumbnails(
    displays,
    { ...settings, ...overrides },
    mockServices.logger.mock(),
  );
  toClose.push(() => t.close());
  return t;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thumbs-'));
});
afterEach(async () => {
  for (const close of toClose.splice(0).reverse()) await close();
  endpoints.clear();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('DesktopThumbnails', () => {
  it('shares one reader among all requests and hands out JPEGs that change with the screen', async () => {
    const fake = await display('aaaaaaaaaaaa', { width: 640, height: 400 });
    const t = thumbnails();
    const first = await Promise.all(
      [1, 2, 3, 4, 5].map(() => t.latest('aaaaaaaaaaaa')),
    );
    expect(fake.sessions).toHaveLength(1);
    const meta = await sharp(first[0].image).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 320, height: 200 });
    expect(first[0].contentType).toBe('image/jpeg');
    const later = await waitFor(
      'a newer picture',
      async () => {
        const latest = await t.latest('aaaaaaaaaaaa');
        return latest.frame > first[0].frame ? latest : undefined;
      },
      5_000,
    );
    expect(later.etag).not.toBe(first[0].etag);
    const [a, b] = await Promise.all(
      [first[0], later].map(x => sharp(x.image).raw().toBuffer()),
    );
    expect(a.equals(b)).toBe(false);
    expect(fake.sessions).toHaveLength(1);
    expect(t.readingNow()).toEqual(['aaaaaaaaaaaa']);
  });

  it('closes a reader nobody asked for during the linger time', async () => {
    const fake = await display('bbbbbbbbbbbb', { width: 64, height: 40 });
    const t = thumbnails();
    await t.latest('bbbbbbbbbbbb');
    // Still asked for: the reader stays.
    for (let i = 0; i < 4; i++) {
      await new Promise(r => setTimeout(r, 300));
      await t.latest('bbbbbbbbbbbb');
    }
    expect(fake.openConnections()).toBe(1);
    await waitFor(
      'the reader to hang up',
      async () => (fake.openConnections() === 0 ? true : undefined),
      3_000,
    );
    expect(t.readingNow()).toEqual([]);
    // Asked again: a new reader.
    await t.latest('bbbbbbbbbbbb');
    expect(fake.sessions).toHaveLength(2);
  });

  it('keeps a reader whose first picture is still awaited, however short the linger time', async () => {
    await display('kkkkkkkkkkkk', {
      width: 64,
      height: 40,
      script: async s => {
        await s.nextUpdateRequest();
        await new Promise(r => setTimeout(r, 1_000));
        s.send(m.update([m.raw(0, 0, 64, 40, [1, 2, 3])]));
        await s.closed;
      },
    });
    const t = thumbnails({ lingerMs: 200 });
    await expect(t.latest('kkkkkkkkkkkk')).resolves.toMatchObject({
      frame: 1,
    });
  });

  it('closes the reader as soon as the desktop leaves running', async () => {
    const fake = await display('cccccccccccc', { width: 64, height: 40 });
    const t = thumbnails({ lingerMs: 60_000 });
    await t.latest('cccccccccccc');
    expect(fake.openConnections()).toBe(1);
    for (const listener of leftRunning) listener('cccccccccccc');
    await waitFor(
      'the reader to hang up',
      async () => (fake.openConnections() === 0 ? true : undefined),
      2_000,
    );
  });

  it('says a desktop without a display is not running (409)', async () => {
    const t = thumbnails();
    await expect(t.latest('dddddddddddd')).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(/not running/),
    });
  });

  it('says why a display could not be read (503), and does not dial it again at once', async () => {
    const fake = await display('eeeeeeeeeeee', { width: 9000, height: 10 });
    const t = thumbnails();
    await expect(t.latest('eeeeeeeeeeee')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(
        /display could not be read: .*9000x10 screen in ServerInit/,
      ),
    });
    await expect(t.latest('eeeeeeeeeeee')).rejects.toThrow(/9000x10/);
    expect(fake.sessions).toHaveLength(1);
    await new Promise(r => setTimeout(r, 1_100));
    await expect(t.latest('eeeeeeeeeeee')).rejects.toThrow(/9000x10/);
    expect(fake.sessions).toHaveLength(2);
  });

  it('waits a bounded time for a first picture that does not come (503)', async () => {
    await display('ffffffffffff', {
      width: 64,
      height: 40,
      script: async s => {
        await s.closed;
      },
    });
    const t = thumbnails({ firstFrameWaitMs: 300 });
    const started = Date.now();
    await expect(t.latest('ffffffffffff')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/no picture of this desktop yet/),
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('refuses to watch more desktops than maxReaders at once', async () => {
    for (const id of [
      'gggggggggggg',
      'hhhhhhhhhhhh',
      'iiiiiiiiiiii',
      'jjjjjjjjjjjj',
    ]) {
      await display(id, { width: 16, height: 16 });
    }
    const t = thumbnails({ maxReaders: 3 });
    for (const id of ['gggggggggggg', 'hhhhhhhhhhhh', 'iiiiiiiiiiii']) {
      await t.latest(id);
    }
    await expect(t.latest('jjjjjjjjjjjj')).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/for 3 desktops already/),
    });
  });
});
