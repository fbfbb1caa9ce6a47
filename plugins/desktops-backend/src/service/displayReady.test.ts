import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitForRfbGreeting } from './displayReady';

describe('waitForRfbGreeting', () => {
  let dir: string;
  const servers: net.Server[] = [];

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'rfb-ready-'));
  });
  afterEach(async () => {
    await Promise.all(
      servers.splice(0).map(s => new Promise(r => s.close(() => r(null)))),
    );
    await fs.rm(dir, { recursive: true, force: true });
  });

  function serve(socketPath: string, greeting: string) {
    const server = net.createServer(socket => {
      // Split across two writes to exercise reassembly.
      socket.write(greeting.slice(0, 5));
      setTimeout(() => socket.end(greeting.slice(5)), 20);
    });
    servers.push(server);
    return new Promise<void>(resolve =>
      server.listen(socketPath, () => resolve()),
    );
  }

  it('waits for a socket that appears later and greets with RFB', async () => {
    const socketPath = path.join(dir, 'vnc.sock');
    const endpoint = {
      kind: 'unix' as const,
      path: socketPath,
      ownerUid: process.getuid?.() ?? 0,
    };
    const waiting = waitForRfbGreeting(endpoint, { timeoutMs: 5000 });
    setTimeout(() => serve(socketPath, 'RFB 003.008\n'), 400);
    await expect(waiting).resolves.toBeUndefined();
  });

  it('gives up with a readable reason when nothing answers', async () => {
    const endpoint = {
      kind: 'unix' as const,
      path: path.join(dir, 'missing.sock'),
      ownerUid: process.getuid?.() ?? 0,
    };
    await expect(
      waitForRfbGreeting(endpoint, { timeoutMs: 600 }),
    ).rejects.toThrow("The desktop's display did not answer within 1 seconds");
  });

  it('refuses a server that is not speaking RFB', async () => {
    const socketPath = path.join(dir, 'http.sock');
    await serve(socketPath, 'HTTP/1.1 400 Bad Request\r\n');
    await expect(
      waitForRfbGreeting(
        { kind: 'unix', path: socketPath, ownerUid: process.getuid?.() ?? 0 },
        { timeoutMs: 3000 },
      ),
    ).rejects.toThrow('something other than RFB');
  });

  it('never follows a link in place of the socket, and says why', async () => {
    const socketPath = path.join(dir, 'real.sock');
    await serve(socketPath, 'RFB 003.008\n');
    const linkPath = path.join(dir, 'planted.sock');
    await fs.symlink(socketPath, linkPath);
    const waiting = waitForRfbGreeting(
      { kind: 'unix', path: linkPath, ownerUid: process.getuid?.() ?? 0 },
      { timeoutMs: 600 },
    );
    await expect(waiting).rejects.toMatchObject({
      cause: expect.objectContaining({
        message: expect.stringMatching(/symbolic link/),
      }),
    });
  });

  it("refuses a socket that is not the display user's", async () => {
    const socketPath = path.join(dir, 'foreign.sock');
    await serve(socketPath, 'RFB 003.008\n');
    const waiting = waitForRfbGreeting(
      { kind: 'unix', path: socketPath, ownerUid: 4242 },
      { timeoutMs: 600 },
    );
    await expect(waiting).rejects.toMatchObject({
      cause: expect.objectContaining({
        message: expect.stringMatching(
          /owned by uid \d+, not the display's uid 4242/,
        ),
      }),
    });
  });
});
