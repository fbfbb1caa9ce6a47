// A real Prometheus (Debian's package, started here on loopback) scrapes the
// running backend's metrics endpoint while a student launches a desktop and
// a viewer connects through the gateway: the labstage_* series must arrive
// in Prometheus, with the launch latency usable as a histogram.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { api, demo, launchBrowser, newUserContext, signIn } from './browser.ts';
import { launchRunningDesktop, openGatewaySession } from './gateway.ts';

const metricsUrl = new URL(
  process.env.LABSTAGE_METRICS_URL ?? 'http://127.0.0.1:9464/metrics',
);
const { bob } = demo;

async function freeLoopbackPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

type Prometheus = {
  url: string;
  process: ChildProcess;
  dir: string;
  log: () => string;
};

async function startPrometheus(): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'labstage-prometheus-'));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      'scrape_configs:',
      '  - job_name: labstage-backend',
      `    metrics_path: ${metricsUrl.pathname}`,
      '    static_configs:',
      `      - targets: ['${metricsUrl.host}']`,
      '',
    ].join('\n'),
  );
  const port = await freeLoopbackPort();
  let output = '';
  const child = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const spawnError = new Promise<never>((_, reject) =>
    child.on('error', error =>
      reject(
        new Error(
          `prometheus could not run (${error.message}); scripts/test installs Debian's prometheus`,
        ),
      ),
    ),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 120; i++) {
      if (child.exitCode !== null)
        throw new Error(`prometheus exited (${child.exitCode}):\n${output}`);
      const res = await fetch(`${url}/-/ready`).catch(() => undefined);
      if (res?.ok) return;
      await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`prometheus was not ready within 30 s:\n${output}`);
  })();
  await Promise.race([ready, spawnError]);
  return { url, process: child, dir, log: () => output };
}

/** The single value of an instant query, or undefined when it has no series. */
async function query(
  prometheus: Prometheus,
  expr: string,
): Promise<number | undefined> {
  const res = await fetch(
    `${prometheus.url}/api/v1/query?query=${encodeURIComponent(expr)}`,
  );
  const body = await res.json();
  assert.equal(
    body.status,
    'success',
    `query ${expr} failed: ${JSON.stringify(body)}`,
  );
  assert.ok(
    body.data.result.length <= 1,
    `query ${expr} returned several series`,
  );
  return body.data.result[0] ? Number(body.data.result[0].value[1]) : undefined;
}

async function waitForValue(
  prometheus: Prometheus,
  expr: string,
  accept: (value: number) => boolean,
  what: string,
): Promise<number> {
  let last: number | undefined;
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    last = await query(prometheus, expr);
    if (last !== undefined && accept(last)) return last;
    await new Promise(r => setTimeout(r, 500));
  }
  assert.fail(`${what}: ${expr} was ${last} after 30 s`);
}

describe('a real Prometheus scrapes the running backend', () => {
  let prometheus: Prometheus;
  let browser: Browser;
  let context: BrowserContext;
  let desktopId = '';

  before(async () => {
    prometheus = await startPrometheus();
    browser = await launchBrowser();
    context = await newUserContext(browser);
    await signIn(await context.newPage(), bob.username, bob.password);
  });
  after(async () => {
    if (desktopId)
      await api(context, 'DELETE', `/api/desktops/desktops/${desktopId}`).catch(
        () => undefined,
      );
    await browser?.close();
    prometheus?.process.kill();
    if (prometheus) rmSync(prometheus.dir, { recursive: true, force: true });
  });

  it('finds the backend target up', async () => {
    await waitForValue(
      prometheus,
      'up{job="labstage-backend"}',
      v => v === 1,
      'the backend target is not up',
    );
  });

  it('sees a launch and a gateway connection in the labstage_* series', async () => {
    const launches = 'sum(labstage_desktop_launch_seconds_count)';
    const accepted =
      'sum(labstage_gateway_connections_total{outcome="accepted"})';
    const toBrowser =
      'sum(labstage_gateway_bytes_total{direction="to_browser"})';
    const before = {
      launches: (await query(prometheus, launches)) ?? 0,
      accepted: (await query(prometheus, accepted)) ?? 0,
      toBrowser: (await query(prometheus, toBrowser)) ?? 0,
    };

    desktopId = await launchRunningDesktop(context);
    const session = await openGatewaySession(context, desktopId, 'control');
    session.socket.close();
    const { screen } = session;
    assert.ok(
      screen.width > 0 && screen.height > 0,
      `screen ${screen.width}x${screen.height}`,
    );

    await waitForValue(
      prometheus,
      launches,
      v => v > before.launches,
      'the launch was not counted',
    );
    await waitForValue(
      prometheus,
      accepted,
      v => v > before.accepted,
      'the connection was not counted',
    );
    // The gateway speaks version and security itself; what the display sent
    // through the relay is at least ServerInit.
    await waitForValue(
      prometheus,
      toBrowser,
      v => v >= before.toBrowser + 24,
      'the relayed bytes were not counted',
    );
    const median = await query(
      prometheus,
      'histogram_quantile(0.5, sum by (le) (labstage_desktop_launch_seconds_bucket))',
    );
    assert.ok(
      median !== undefined && median > 0 && Number.isFinite(median),
      `median launch time ${median}`,
    );
  });
});
