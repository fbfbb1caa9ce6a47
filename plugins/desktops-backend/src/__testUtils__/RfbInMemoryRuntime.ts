import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DisplayAddress } from '@internal/backstage-plugin-desktops-node';
import { InMemoryRuntime } from './InMemoryRuntime';
import {
  FakeDisplayScript,
  serveFakeRfbDisplay,
  serverMessages,
} from './fakeRfbDisplay';

/** A 64x40 screen of one colour, sent once: later requests wait forever. */
export const STILL_PICTURE = { width: 64, height: 40, rgb: [10, 120, 230] };

const stillPicture: FakeDisplayScript = async session => {
  await session.nextUpdateRequest();
  session.send(
    serverMessages.update([
      serverMessages.raw(
        0,
        0,
        STILL_PICTURE.width,
        STILL_PICTURE.height,
        STILL_PICTURE.rgb as [number, number, number],
      ),
    ]),
  );
  await session.closed;
};

/**
 * The in-memory runtime with displays that speak RFB for real (a fake
 * display per running desktop showing STILL_PICTURE), for route tests of
 * the thumbnails without containers.
 */
export class RfbInMemoryRuntime extends InMemoryRuntime {
  private readonly displayDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'lsd-rfb-'),
  );
  private readonly displays = new Map<
    string,
    ReturnType<typeof serveFakeRfbDisplay>
  >();

  async endpoint(desktopId: string): Promise<DisplayAddress> {
    // Refuses a desktop that does not run, as the real runtimes do.
    await super.endpoint(desktopId);
    let display = this.displays.get(desktopId);
    if (!display) {
      display = serveFakeRfbDisplay(
        path.join(this.displayDir, `${desktopId}.sock`),
        {
          width: STILL_PICTURE.width,
          height: STILL_PICTURE.height,
          script: stillPicture,
        },
      );
      this.displays.set(desktopId, display);
    }
    const {
      kind,
      path: socketPath,
      ownerUid,
    } = (await display).endpoint as Extract<DisplayAddress, { kind: 'unix' }>;
    return { kind, path: socketPath, ownerUid };
  }

  async dispose(): Promise<void> {
    for (const display of this.displays.values()) await (await display).close();
    fs.rmSync(this.displayDir, { recursive: true, force: true });
    await super.dispose();
  }
}
