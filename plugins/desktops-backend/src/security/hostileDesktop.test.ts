import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TestDatabases } from '@backstage/backend-test-utils';
import { HostileDesktopHarness } from '../__testUtils__/hostileDesktopHarness';
import { typeText } from '../testUtils/rfbMessages';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';

/**
 * Red team: a student, as uid 1000 inside their own desktop (real
 * container, real Docker Engine), plants symbolic links in everything the
 * desktop can write, then makes the backend (root, on the host) stop,
 * start, connect, upload and download. Nothing outside their desktop may be
 * touched or reached, and every attempt must get a clear refusal.
 */

jest.setTimeout(300_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';

type FileFacts = { content: string; mode: number; uid: number; gid: number };

async function factsOf(path: string): Promise<FileFacts> {
  const stat = await fs.lstat(path);
  return {
    content: await fs.readFile(path, 'utf8'),
    mode: stat.mode,
    uid: stat.uid,
    gid: stat.gid,
  };
}

/** Every path the desktop can write, as the desktop user sees it. */
const WRITABLE_MOUNTS = [
  '/run/labstage',
  '/home/student',
  '/home/student/Uploads',
];

describe('a hostile student inside their own desktop', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let harness: HostileDesktopHarness;
  let canaryDir: string;
  let canaryFile: string;
  let canaryBefore: FileFacts;
  const canaryDirs: string[] = [];

  /** A root-owned host file, as /etc/passwd or the platform database are. */
  async function freshCanary() {
    canaryDir = await fs.mkdtemp('/tmp/lsx-canary-');
    canaryDirs.push(canaryDir);
    await fs.chmod(canaryDir, 0o755);
    canaryFile = join(canaryDir, 'canary');
    await fs.writeFile(canaryFile, 'canary: must never change\n', {
      mode: 0o644,
    });
    canaryBefore = await factsOf(canaryFile);
  }
  let victimDesktop: string;

  beforeAll(async () => {
    harness = await HostileDesktopHarness.start(
      await databases.init('SQLITE_3'),
      { deploymentId: `redteam-${process.pid}` },
    );
    victimDesktop = await harness.launch(bob);
  });

  beforeEach(freshCanary);

  afterAll(async () => {
    await harness?.close();
    for (const dir of canaryDirs)
      await fs.rm(dir, { recursive: true, force: true });
  });

  /**
   * The host paths a student can learn (from /proc/self/mountinfo, or by
   * guessing the layout) of the victim's display socket and password file,
   * in every layout this runtime has used.
   */
  function victimPaths() {
    const folder = join(harness.runDir, victimDesktop);
    return {
      sockets: [join(folder, 'vnc.sock'), join(folder, 'display', 'vnc.sock')],
      passwords: [
        join(folder, 'vncpasswd'),
        join(folder, 'secret', 'vncpasswd'),
      ],
    };
  }

  /** ln -sfn for each (link, target), as the desktop user. */
  async function plant(desktopId: string, links: Array<[string, string]>) {
    const script = links
      .map(([link, target]) => `ln -sfn '${target}' '${link}'`)
      .join(' && ');
    await harness.exec(desktopId, script);
  }

  it('sees the host path of its own display folder, as a real student would', async () => {
    const attackerDesktop = await harness.launch(alice);
    const { stdout } = await harness.exec(
      attackerDesktop,
      'cat /proc/self/mountinfo',
    );
    expect(stdout).toContain(join(harness.runDir, attackerDesktop));
  });

  it('cannot make the backend write a host file through links, across stop, start, upload and download', async () => {
    const attackerDesktop = await harness.launch(alice);
    const names = [
      'vncpasswd',
      `vncpasswd.${process.pid}.tmp`,
      'vnc.sock.tmp',
      'canary',
    ];
    const links: Array<[string, string]> = [];
    for (const mount of WRITABLE_MOUNTS) {
      for (const name of names) links.push([`${mount}/${name}`, canaryFile]);
      links.push([`${mount}/root`, '/']);
      links.push([`${mount}/canary-folder`, canaryDir]);
    }
    await harness.exec(attackerDesktop, 'mkdir -p /home/student/Uploads');
    await plant(attackerDesktop, links);

    await harness.service.stop(attackerDesktop);
    await harness.waitForState(attackerDesktop, 'stopped');
    await harness.service.start(attackerDesktop, new Date());
    const settled = await harness.waitForSettled(attackerDesktop);
    expect(await factsOf(canaryFile)).toEqual(canaryBefore);
    // The planted links cost the student nothing but their own files.
    expect(settled).toBe('running');

    // Upload under each planted name: it replaces the link inside the
    // desktop (Docker extracts within the container) or is refused.
    const uploads: string[] = [];
    for (const name of names) {
      uploads.push(
        await harness.runtime
          .uploadFile(attackerDesktop, {
            name,
            content: Readable.from([Buffer.from('overwritten by an upload\n')]),
            maxBytes: 1024,
          })
          .then(
            stored => `stored ${stored.name}`,
            error => `refused: ${error.message}`,
          ),
      );
    }
    expect(uploads).toEqual(names.map(name => `stored ${name}`));
    // Downloads through links are refused with a reason.
    for (const path of ['canary', 'root/etc/passwd', 'canary-folder/canary']) {
      await expect(
        harness.runtime.downloadFile(attackerDesktop, path, {
          maxBytes: 1 << 20,
        }),
      ).rejects.toThrow(/link|not a regular file/i);
    }

    expect(await factsOf(canaryFile)).toEqual(canaryBefore);
    expect((await fs.readdir(canaryDir)).sort()).toEqual(['canary']);
  });

  it('refuses an upload into a linked ~/Uploads with a clear 400 and writes nothing', async () => {
    const attackerDesktop = await harness.launch(alice);
    await harness.exec(
      attackerDesktop,
      'rm -rf /home/student/Uploads && ln -s /tmp /home/student/Uploads',
    );
    const attempt = harness.runtime.uploadFile(attackerDesktop, {
      name: 'sneaky.txt',
      content: Readable.from([Buffer.from('through a link\n')]),
      maxBytes: 1024,
    });
    await expect(attempt).rejects.toMatchObject({
      name: 'InputError',
      message: expect.stringMatching(/Uploads.*link/i),
    });
    await expect(
      harness.exec(attackerDesktop, 'test -e /tmp/sneaky.txt'),
    ).rejects.toThrow();
  });

  it('keeps the VNC password where the desktop can read but not write or replace it', async () => {
    const attackerDesktop = await harness.launch(alice);
    const script = [
      'f=/run/secrets/labstage/vncpasswd',
      'test -r "$f"',
      'stat -c %u "$f"',
      '! ( echo x > "$f" ) 2>/dev/null',
      '! rm -f "$f" 2>/dev/null',
      '! ln -sf /etc/hostname "$f" 2>/dev/null',
      'ls /run/labstage',
    ].join(' && ');
    const { stdout } = await harness.exec(attackerDesktop, script);
    const [owner, ...listing] = stdout.trim().split('\n');
    expect(owner).toBe('0');
    // The writable folder holds the socket (and whatever the student made), no password.
    expect(listing).not.toContain('vncpasswd');
  });

  it("cannot reach another user's desktop by linking its socket and password file", async () => {
    const attackerDesktop = await harness.launch(alice);
    const { sockets, passwords } = victimPaths();
    // Replace the display socket and password with links to the victim's.
    for (const [socket, password] of [
      [sockets[0], passwords[0]],
      [sockets[1], passwords[1]],
    ]) {
      await plant(attackerDesktop, [
        ['/run/labstage/vnc.sock', socket],
        ['/run/labstage/vncpasswd', password],
      ]);
      const client = await harness.connect(attackerDesktop, alice, 'control');
      const reached = await client.handshake().then(
        () => true,
        () => false,
      );
      if (reached) {
        client.send(typeText('touch /home/student/reached-by-alice\n'));
        await new Promise(r => setTimeout(r, 1500));
      }
      const end = await Promise.race([
        client.ended,
        new Promise(r => setTimeout(() => r('still open'), 2000)),
      ]);
      expect(
        await harness.homeFileExists(victimDesktop, 'reached-by-alice'),
      ).toBe(false);
      expect(reached).toBe(false);
      // Refused with a close code and a reason the viewer can show.
      expect(end).toMatchObject({
        code: 1011,
        reason: expect.stringMatching(/display/i),
      });
    }
  });

  it('cannot make the backend follow links when its desktop is deleted', async () => {
    const doomed = await harness.launch(alice);
    await plant(doomed, [
      ['/run/labstage/canary-folder', canaryDir],
      ['/run/labstage/root', '/'],
    ]);
    await harness.exec(
      doomed,
      `mkdir -p /run/labstage/sub && ln -s '${canaryDir}' /run/labstage/sub/deeper`,
    );
    await harness.service.delete(doomed);
    await waitFor(
      'the deleted desktop to be gone',
      async () => ((await harness.service.find(doomed)) ? undefined : true),
      30_000,
    );
    expect(await factsOf(canaryFile)).toEqual(canaryBefore);
    expect((await fs.readdir(canaryDir)).sort()).toEqual(['canary']);
    await expect(fs.lstat(join(harness.runDir, doomed))).rejects.toThrow(
      /ENOENT/,
    );
  });
});
