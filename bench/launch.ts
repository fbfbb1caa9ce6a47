// Launch latency: API call → first framebuffer update through the gateway.
// Sequential runs, then a burst of simultaneous launches.
import { RfbClient, webSocketTransport } from './lib/rfb.ts';
import { LabstageSession } from './lib/platform.ts';
import { summarize } from './lib/stats.ts';
import { recordResult } from './lib/results.ts';

const runs = Number(process.env.BENCH_LAUNCH_RUNS ?? 20);
const burst = Number(process.env.BENCH_BURST ?? 10);

async function launchOnce(
  session: LabstageSession,
  name: string,
): Promise<{ id: string; ms: number }> {
  const t0 = performance.now();
  const desktop = await session.launch(undefined, name);
  await session.waitForState(desktop.id, 'running');
  const client = new RfbClient(
    await webSocketTransport(await session.connectUrl(desktop.id)),
  );
  await client.handshake();
  client.requestUpdate(false);
  await client.readFramebufferUpdate();
  const ms = performance.now() - t0;
  client.close();
  return { id: desktop.id, ms };
}

const session = await LabstageSession.signIn(
  'admin',
  process.env.BENCH_ADMIN_PASSWORD ?? 'admin-demo-pass',
);

const sequential: number[] = [];
for (let i = 0; i < runs; i++) {
  const { id, ms } = await launchOnce(session, `bench-seq-${i}`);
  sequential.push(ms);
  await session.remove(id);
  console.log(`sequential ${i + 1}/${runs}: ${ms.toFixed(0)} ms`);
}
recordResult('launch.api.sequential', { unit: 'ms', ...summarize(sequential) });

const results = await Promise.all(
  Array.from({ length: burst }, (_, i) =>
    launchOnce(session, `bench-burst-${i}`),
  ),
);
const burstMs = results.map(r => r.ms);
console.log(
  `burst of ${burst}: ${burstMs.map(ms => ms.toFixed(0)).join(', ')} ms`,
);
recordResult('launch.api.burst', { unit: 'ms', ...summarize(burstMs) });
await Promise.all(results.map(r => session.remove(r.id)));
