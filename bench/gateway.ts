// The gateway against the direct display socket and Debian's websockify, in
// the same run on the same desktop: full-screen Raw throughput, 1×1 round
// trip, and proxy CPU seconds per GB relayed.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
// The file itself, not the package: Node's type stripping cannot load the
// package index (its imports have no extensions).
import { deobfuscateVncPassword } from '../plugins/desktops-node/src/vnc/vncAuth.ts';
import {
  RfbClient,
  unixTransport,
  webSocketTransport,
  type Transport,
} from './lib/rfb.ts';
import { LabstageSession } from './lib/platform.ts';
import { percentile } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';
import { listenerPid } from './lib/procStats.ts';

const seconds = Number(process.env.BENCH_THROUGHPUT_SECONDS ?? 10);
const roundTrips = Number(process.env.BENCH_ROUND_TRIPS ?? 500);
const dataDir = process.env.LABSTAGE_DATA_DIR;
if (!dataDir)
  throw new Error(
    'LABSTAGE_DATA_DIR must name the running platform data folder',
  );
const websockifyPort = 6089;

/**
 * CPU seconds (user + system) used so far by a process and its descendants:
 * websockify serves each connection from a forked child.
 */
function cpuSeconds(pid: number): number {
  const stats = readdirSync('/proc')
    .filter(name => /^\d+$/.test(name))
    .flatMap(name => {
      try {
        const fields = readFileSync(`/proc/${name}/stat`, 'utf8')
          .split(') ')[1]
          .split(' ');
        return [
          {
            pid: Number(name),
            ppid: Number(fields[1]),
            cpu: (Number(fields[11]) + Number(fields[12])) / 100,
          },
        ];
      } catch {
        return []; // exited while we looked
      }
    });
  const tree = new Set([pid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const s of stats) {
      if (!tree.has(s.pid) && tree.has(s.ppid)) {
        tree.add(s.pid);
        grew = true;
      }
    }
  }
  return stats.filter(s => tree.has(s.pid)).reduce((sum, s) => sum + s.cpu, 0);
}

async function measure(
  label: string,
  open: () => Promise<Transport>,
  password: string | undefined,
  proxyPid?: number,
) {
  const client = new RfbClient(await open());
  await client.handshake(password);
  const start = performance.now();
  const cpuStart = proxyPid ? cpuSeconds(proxyPid) : 0;
  const bytesStart = client.bytesReceived;
  while (performance.now() - start < seconds * 1000) {
    client.requestUpdate(false);
    await client.readFramebufferUpdate();
  }
  const elapsed = (performance.now() - start) / 1000;
  const bytes = client.bytesReceived - bytesStart;
  const cpu = proxyPid ? cpuSeconds(proxyPid) - cpuStart : NaN;

  const rtt: number[] = [];
  for (let i = 0; i < roundTrips; i++) {
    const t = performance.now();
    client.requestUpdate(false, 0, 0, 1, 1);
    await client.readFramebufferUpdate();
    rtt.push(performance.now() - t);
  }
  client.close();
  const result = {
    throughputMiBps: bytes / elapsed / 2 ** 20,
    roundTripP50ms: percentile(rtt, 50),
    roundTripP95ms: percentile(rtt, 95),
    proxyCpuSecondsPerGB: proxyPid ? cpu / (bytes / 1e9) : null,
  };
  console.log(label, JSON.stringify(result));
  return result;
}

const session = await LabstageSession.signIn(
  'admin',
  process.env.BENCH_ADMIN_PASSWORD ?? 'admin-demo-pass',
);
const desktop = await session.launch(undefined, 'bench-gateway');
let websockify: ReturnType<typeof spawn> | undefined;
try {
  await session.waitForState(desktop.id, 'running');
  // The benchmark runs as root beside the backend: it reads the password
  // file the backend binds into the desktop, and the socket in the desktop's
  // display folder (see DesktopRunFolder).
  const runDir = join(dataDir, 'run', desktop.id);
  const socketPath = join(runDir, 'display', 'vnc.sock');
  const password = deobfuscateVncPassword(
    readFileSync(join(runDir, 'vncpasswd')),
  );

  websockify = spawn(
    'websockify',
    [`--unix-target=${socketPath}`, `127.0.0.1:${websockifyPort}`],
    { stdio: 'ignore' },
  );
  await new Promise(r => setTimeout(r, 1500));

  const direct = await measure(
    'direct',
    () => unixTransport(socketPath),
    password,
  );
  const gateway = await measure(
    'gateway',
    async () => webSocketTransport(await session.connectUrl(desktop.id)),
    undefined,
    listenerPid(7007),
  );
  const viaWebsockify = await measure(
    'websockify',
    () => webSocketTransport(`ws://127.0.0.1:${websockifyPort}/`),
    password,
    websockify.pid,
  );
  recordResult('relay', {
    seconds,
    roundTrips,
    direct,
    gateway,
    websockify: viaWebsockify,
  });
} finally {
  websockify?.kill();
  await session.remove(desktop.id).catch(() => undefined);
}
