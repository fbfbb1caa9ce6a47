// A student's desktop in real Chromium: launch, see it, type into it, stop,
// launch again and find the file still in the home directory.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appUrl, demo, shot, signIn } from './browser.ts';
import {
  desktopSuite,
  launchFirstImage,
  readHomeFile,
  waitForDesktopOnScreen,
  waitForHomeFile,
  waitForTerminalInMiddle,
} from './desktopScreen.ts';

const proof = `labstage-e2e-${randomBytes(4).toString('hex')}`;
const proofFile = `${proof}.txt`;

describe('desktop journey: launch, type, stop, launch again', () => {
  const suite = desktopSuite();

  it('1. a student launches a desktop from My desktops and sees it in the page', async () => {
    await signIn(suite.page, demo.alice.username, demo.alice.password);
    await suite.page.getByRole('link', { name: 'My desktops' }).first().click();
    await suite.page
      .getByRole('heading', { name: 'My desktops' })
      .first()
      .waitFor();
    await shot(suite.page, 'd1a-my-desktops-empty');
    suite.desktopId = await launchFirstImage(suite.page);
    const share = await waitForDesktopOnScreen(suite.page);
    // Let the panel and terminal finish drawing before the screenshot.
    await suite.page.waitForTimeout(1500);
    await shot(suite.page, 'd1b-desktop-in-browser');
    assert.ok(
      share > 0.2,
      `expected a drawn desktop, got non-black share ${share}`,
    );
  });

  it('2. typing in the terminal writes a file in the home directory', async () => {
    const screen = suite.page.getByTestId('desktop-screen').locator('canvas');
    // The session's terminal opens centred, but on a cold first start it can
    // map a second after the panel. A click that lands on the background
    // before then also keeps openbox from focusing it (focus-stealing
    // prevention), so wait for its black text area under the middle.
    await waitForTerminalInMiddle(suite.page);
    await screen.click();
    await suite.page.keyboard.type(`echo ${proof} > ~/${proofFile}`, {
      delay: 15,
    });
    await suite.page.keyboard.press('Enter');
    await waitForHomeFile(suite.context, suite.desktopId, proofFile, proof);
    await shot(suite.page, 'd2-typed-command');
  });

  it('3. stop, launch again: the file is still there', async () => {
    await suite.page.getByRole('button', { name: 'Stop' }).first().click();
    await suite.page.goto(`${appUrl}/desktops`);
    const card = suite.page.getByTestId(`desktop-card-${suite.desktopId}`);
    await card
      .getByText('Stopped', { exact: true })
      .waitFor({ timeout: 60_000 });
    await shot(suite.page, 'd3a-stopped');
    await card.getByRole('button', { name: /^(Launch|Start)/ }).click();
    await suite.page.waitForURL(new RegExp(`/desktops/${suite.desktopId}$`), {
      timeout: 30_000,
    });
    await waitForDesktopOnScreen(suite.page);
    await suite.page.waitForTimeout(1000);
    await shot(suite.page, 'd3b-relaunched');
    const file = await readHomeFile(suite.context, suite.desktopId, proofFile);
    assert.equal(file.status, 200);
    assert.equal(file.text.trim(), proof);
  });

  it('4. a dropped connection reconnects by itself while the desktop runs', async () => {
    // Cut the established TCP connections of the backend port, as a flaky
    // network or a restarted proxy would (iproute2's ss -K, loopback only).
    const killed = execFileSync(
      'ss',
      ['-K', '-t', 'state', 'established', '( sport = :7007 )'],
      {
        encoding: 'utf8',
      },
    );
    assert.match(killed, /7007/, 'no connection was cut');
    await suite.page
      .getByTestId('desktop-status')
      .filter({ hasText: /Reconnecting|Connecting/ })
      .waitFor();
    await shot(suite.page, 'd4a-reconnecting');
    await waitForDesktopOnScreen(suite.page);
    await shot(suite.page, 'd4b-reconnected');
  });
});
