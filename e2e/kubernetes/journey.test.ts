// The desktop journey on the Kubernetes runtime (scripts/test runs it when
// the test cluster has its real node): the student's desktop is a pod on the
// real control plane, its display reached through the API server's
// port-forward, its home a volume that outlives the pod. Then an admin finds
// the pod in the portal's Kubernetes view.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appUrl, demo, newUserContext, shot, signIn } from '../browser.ts';
import {
  desktopSuite,
  launchFirstImage,
  readHomeFile,
  waitForDesktopOnScreen,
  waitForHomeFile,
  waitForTerminalInMiddle,
} from '../desktopScreen.ts';

const proof = `labstage-k8s-${randomBytes(4).toString('hex')}`;
const proofFile = `${proof}.txt`;

/** The desktop's pod as the cluster admin sees it, or undefined. */
function podOf(desktopId: string): { phase: string; node: string } | undefined {
  const kubeconfig = process.env.LABSTAGE_KUBE_ADMIN_KUBECONFIG;
  assert.ok(
    kubeconfig,
    'LABSTAGE_KUBE_ADMIN_KUBECONFIG is not set (run through scripts/test)',
  );
  const out = execFileSync(
    'kubectl',
    [
      '--kubeconfig',
      kubeconfig,
      '-n',
      process.env.LABSTAGE_KUBE_NAMESPACE ?? 'labstage-desktops',
      'get',
      'pods',
      '-l',
      `labstage.io/desktop-id=${desktopId}`,
      '-o',
      'jsonpath={range .items[*]}{.status.phase} {.spec.nodeName}{"\\n"}{end}',
    ],
    { encoding: 'utf8' },
  ).trim();
  if (!out) return undefined;
  const [phase, node] = out.split(' ');
  return { phase, node };
}

describe('desktop journey on Kubernetes: launch, type, stop, resume, and the admin sees the pod', () => {
  const suite = desktopSuite();

  it('1. a student launches a desktop: it runs as a pod on the real node and shows in the page', async () => {
    await signIn(suite.page, demo.alice.username, demo.alice.password);
    await suite.page.getByRole('link', { name: 'My desktops' }).first().click();
    suite.desktopId = await launchFirstImage(suite.page);
    const share = await waitForDesktopOnScreen(suite.page);
    assert.ok(
      share > 0.2,
      `expected a drawn desktop, got non-black share ${share}`,
    );
    assert.deepEqual(podOf(suite.desktopId), {
      phase: 'Running',
      node: process.env.LABSTAGE_KUBE_NODE,
    });
    const containers = execFileSync(
      'docker',
      ['ps', '-a', '--format', '{{.Names}}'],
      { encoding: 'utf8' },
    );
    assert.ok(
      !containers.includes(suite.desktopId),
      'the desktop also runs as a Docker container',
    );
    await suite.page.waitForTimeout(1000);
    await shot(suite.page, 'k1-kubernetes-desktop-in-browser');
  });

  it('2. typing in the terminal writes a file in the home volume', async () => {
    await waitForTerminalInMiddle(suite.page);
    await suite.page.getByTestId('desktop-screen').locator('canvas').click();
    await suite.page.keyboard.type(`echo ${proof} > ~/${proofFile}`, {
      delay: 15,
    });
    await suite.page.keyboard.press('Enter');
    await waitForHomeFile(suite.context, suite.desktopId, proofFile, proof);
  });

  it('3. stop deletes the pod; resume makes a new one with the same home', async () => {
    await suite.page.getByRole('button', { name: 'Stop' }).first().click();
    await suite.page.goto(`${appUrl}/desktops`);
    const card = suite.page.getByTestId(`desktop-card-${suite.desktopId}`);
    await card
      .getByText('Stopped', { exact: true })
      .waitFor({ timeout: 90_000 });
    assert.equal(
      podOf(suite.desktopId),
      undefined,
      'the pod is still there after stop',
    );
    await card.getByRole('button', { name: /^(Launch|Start)/ }).click();
    await suite.page.waitForURL(new RegExp(`/desktops/${suite.desktopId}$`), {
      timeout: 60_000,
    });
    await waitForDesktopOnScreen(suite.page);
    const file = await readHomeFile(suite.context, suite.desktopId, proofFile);
    assert.equal(file.status, 200);
    assert.equal(file.text.trim(), proof);
    await shot(suite.page, 'k3-kubernetes-desktop-resumed');
  });

  it("4. an admin sees the desktop's pod on the labstage-desktops entity's Kubernetes tab", async () => {
    const context = await newUserContext(suite.browser);
    const page = await context.newPage();
    try {
      await signIn(page, demo.admin.username, demo.admin.password);
      await page.goto(
        `${appUrl}/catalog/default/component/labstage-desktops/kubernetes`,
      );
      await page
        .getByText(`labstage-desktop-${suite.desktopId}`)
        .first()
        .waitFor({ timeout: 60_000 });
      await page.waitForTimeout(1000);
      await shot(page, 'k4-admin-kubernetes-tab');
    } finally {
      await context.close();
    }
  });
});
