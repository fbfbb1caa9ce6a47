// Working together in real Chromium (issue 12's journey): alice shares her
// CS101 desktop with bob as viewer, upgrades him to controller and hands him
// the control, then revokes; the teacher watches both students in the
// Classroom tab and takes control of alice's desktop; the admin's audit log
// shows all of it. Typing is checked where it lands: a file in alice's home.
// Then the demo data that `scripts/start` sets up for the same story.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  apiUrl,
  appUrl,
  deleteMadeDesktops,
  demo,
  launchBrowser,
  type MadeDesktops,
  newUserContext,
  screenshotOnFailure,
  shot,
  signInByApi,
} from './browser.ts';
import {
  readHomeFile,
  waitForDesktopOnScreen,
  waitForHomeFile,
  waitForTerminalInMiddle,
} from './desktopScreen.ts';

const tag = randomBytes(4).toString('hex');
const viewerFile = `typed-as-viewer-${tag}`;
const controllerFile = `typed-as-controller-${tag}.txt`;
const controllerProof = `bob-had-control-${tag}`;

type User = { context: BrowserContext; page: Page };

const execFileAsync = promisify(execFile);
const demoScript = join(
  import.meta.dirname,
  '..',
  'scripts',
  'lib',
  'demo',
  'collaboration.mjs',
);

describe('collaboration journey: share, hand over control, revoke, classroom grid, audit log', () => {
  let browser: Browser;
  let alice: User & { list: Page };
  let bob: User;
  let teacher: User;
  let admin: User;
  let courseId = '';
  let desktopId = '';
  let desktopName = '';
  const made: MadeDesktops = [];
  screenshotOnFailure(() => [
    alice?.page,
    alice?.list,
    bob?.page,
    teacher?.page,
    admin?.page,
  ]);

  // Signing in through the form is the other journeys' part.
  const open = async (username: string, password: string) => {
    const context = await newUserContext(browser);
    await signInByApi(context, username, password);
    return { context, page: await context.newPage() };
  };

  /** Alice's Share dialog for her desktop, from its card on My desktops. */
  const openShareDialog = async () => {
    const { list } = alice;
    await list.goto(`${appUrl}/desktops`);
    await list
      .getByRole('button', { name: `More actions for ${desktopName}` })
      .first()
      .click();
    await list.getByRole('menuitem', { name: 'Share…' }).click();
    const dialog = list.getByRole('dialog', { name: `Share “${desktopName}”` });
    await dialog.getByText('People with access').waitFor();
    return dialog;
  };

  before(async () => {
    browser = await launchBrowser();
    const a = await open(demo.alice.username, demo.alice.password);
    alice = { ...a, list: await a.context.newPage() };
    bob = await open(demo.bob.username, demo.bob.password);
    teacher = await open(demo.teacher.username, demo.teacher.password);
    admin = await open(demo.admin.username, demo.admin.password);

    const courses = await (
      await api(alice.context, 'GET', '/api/courses/courses')
    ).json();
    courseId = courses.items.find(
      (c: { code: string }) => c.code === 'CS101',
    ).id;
    // Both students run CS101's environment: the classroom shows both.
    for (const user of [alice, bob]) {
      const res = await api(
        user.context,
        'POST',
        `/api/desktops/courses/${courseId}/environment/launch`,
      );
      assert.ok(res.ok(), `launch: ${res.status()} ${await res.text()}`);
      const desktop = await res.json();
      made.push({ context: user.context, id: desktop.id });
      if (user === alice) {
        desktopId = desktop.id;
        desktopName = desktop.name;
      }
    }
    await alice.page.goto(`${appUrl}/desktops/${desktopId}`);
    await waitForDesktopOnScreen(alice.page);
    await waitForTerminalInMiddle(alice.page);
  });

  after(async () => {
    await deleteMadeDesktops(made);
    await browser?.close();
  });

  it('1. alice shares her desktop with bob as viewer', async () => {
    const dialog = await openShareDialog();
    await dialog.getByLabel('Person').click();
    await alice.list.getByRole('option', { name: /^Bob Student/ }).click();
    // Viewer is the default role.
    await dialog.getByRole('button', { name: 'Invite' }).click();
    await dialog.getByLabel('Role of Bob Student').waitFor();
    await shot(alice.list, 'c1-shared-with-bob');
    await dialog.getByRole('button', { name: 'Done' }).click();
  });

  it('2. bob finds it under "Shared with me", watches, and his typing does not reach it', async () => {
    const { page } = bob;
    await page.goto(`${appUrl}/desktops`);
    const shared = page.getByRole('region', { name: 'Shared with me' });
    await shared
      .getByRole('region', { name: desktopName })
      .getByRole('button', { name: /Open/ })
      .click();
    await page.waitForURL(new RegExp(`/desktops/${desktopId}$`));
    await waitForDesktopOnScreen(page);
    await page
      .getByText('View only: Alice Student invited you to watch.')
      .waitFor();
    await alice.page.getByText('Bob Student is watching').waitFor();
    await page.getByTestId('desktop-screen').locator('canvas').click();
    await page.keyboard.type(`touch ~/${viewerFile}`, { delay: 15 });
    await page.keyboard.press('Enter');
    await shot(page, 'c2-bob-watching');
    // The same typing as controller lands within a second or two (step 3).
    await page.waitForTimeout(3000);
    const file = await readHomeFile(alice.context, desktopId, viewerFile);
    assert.equal(file.status, 404, `~/${viewerFile} exists: a viewer typed`);
  });

  it('3. alice makes bob a controller and accepts his request; bob types', async () => {
    const dialog = await openShareDialog();
    await dialog.getByLabel('Role of Bob Student').click();
    await alice.list.getByRole('option', { name: 'Controller' }).click();
    await dialog
      .getByLabel('Role of Bob Student')
      .filter({ hasText: 'Controller' })
      .waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();

    // Bob's open viewer learns of the new role and reconnects to control.
    const { page } = bob;
    await page.getByRole('button', { name: 'Ask for control' }).click();
    await page.getByText('Waiting for Alice Student to accept…').waitFor();
    await alice.page
      .getByRole('button', { name: 'Accept: give control to Bob Student' })
      .click();
    await page.getByText('You have control').waitFor();
    await alice.page.getByText('Bob Student has control').first().waitFor();
    await waitForDesktopOnScreen(page);
    await page.getByTestId('desktop-screen').locator('canvas').click();
    await page.keyboard.type(`echo ${controllerProof} > ~/${controllerFile}`, {
      delay: 15,
    });
    await page.keyboard.press('Enter');
    await waitForHomeFile(
      alice.context,
      desktopId,
      controllerFile,
      controllerProof,
    );
    await shot(page, 'c3-bob-has-control');
  });

  it('4. alice revokes, and bob\'s viewer says "access revoked"', async () => {
    const dialog = await openShareDialog();
    await dialog
      .getByRole('button', { name: 'Revoke Bob Student’s access' })
      .click();
    await alice.list.getByRole('button', { name: 'Revoke access' }).click();
    await dialog.getByText('Only you.').waitFor();
    await dialog.getByRole('button', { name: 'Done' }).click();
    await bob.page
      .getByRole('heading', { name: 'Access revoked' })
      .waitFor({ timeout: 5_000 });
    await shot(bob.page, 'c4-access-revoked');
  });

  it("5. the teacher's Classroom tab shows alice's and bob's thumbnails", async () => {
    const { page } = teacher;
    await page.goto(`${appUrl}/courses/${courseId}/classroom`);
    for (const name of ['Alice Student', 'Bob Student']) {
      const picture = page.getByRole('img', {
        name: `Screen of ${name}’s desktop`,
      });
      await picture.waitFor({ timeout: 60_000 });
      await page.waitForFunction(
        img => (img as HTMLImageElement).naturalWidth > 0,
        await picture.elementHandle(),
      );
    }
    await shot(page, 'c5-classroom-grid');
  });

  it("6. the teacher takes control of alice's desktop, and her viewer says so", async () => {
    await teacher.page
      .getByRole('button', { name: 'Take control of Alice Student’s desktop' })
      .click();
    await teacher.page.waitForURL(new RegExp(`/desktops/${desktopId}$`));
    await waitForDesktopOnScreen(teacher.page);
    await alice.page
      .getByText('Your instructor has control (Tom Teacher).')
      .waitFor();
    await shot(alice.page, 'c6-instructor-has-control');
  });

  it('7. the audit log shows all of it', async () => {
    const { page } = admin;
    await page.goto(`${appUrl}/admin/desktop-audit`);
    await page.getByLabel('Desktop id').fill(desktopId);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    const log = page.getByRole('table', { name: 'Audit log' });
    const row = (action: string, details: RegExp | string = '') =>
      log
        .getByRole('row')
        .filter({ hasText: action })
        .filter({ hasText: details })
        .first();
    await row('Shared', 'viewer').waitFor();
    await row('Role changed', 'viewer → controller').waitFor();
    await row('Control given').waitFor();
    await row('Access revoked').waitFor();
    await row('Control taken').waitFor();
    // Bob's visits: watching (view), then in control (control).
    const bobsVisits = log
      .getByRole('row')
      .filter({ hasText: 'Opened' })
      .filter({ hasText: 'bob' });
    assert.ok((await bobsVisits.count()) >= 2, 'bob opened it twice');
    await row('Opened', 'view').waitFor();
    await shot(page, 'c7-audit-log');
  });
});

describe("demo data: scripts/start's collaboration story", () => {
  let browser: Browser;
  let teacher: User;
  const contexts: Record<string, BrowserContext> = {};
  screenshotOnFailure(() => [teacher?.page]);

  before(async () => {
    browser = await launchBrowser();
    for (const who of ['alice', 'bob', 'teacher'] as const) {
      contexts[who] = await newUserContext(browser);
      await signInByApi(contexts[who], demo[who].username, demo[who].password);
    }
    teacher = {
      context: contexts.teacher,
      page: await contexts.teacher.newPage(),
    };
  });

  after(async () => {
    for (const who of ['alice', 'bob'] as const) {
      const mine = await (
        await api(contexts[who], 'GET', '/api/desktops/desktops')
      ).json();
      for (const desktop of mine.items) {
        await api(
          contexts[who],
          'DELETE',
          `/api/desktops/desktops/${desktop.id}`,
        );
      }
    }
    await browser?.close();
  });

  it("shares alice's CS101 desktop with bob and fills the teacher's Classroom tab, once", async () => {
    const seed = () =>
      execFileAsync('node', [demoScript, apiUrl], { timeout: 120_000 });
    const first = await seed();
    assert.match(first.stdout, /shared with bob \(viewer\)/);
    const second = await seed();
    assert.match(second.stdout, /already set up/);

    const shared = await (
      await api(contexts.bob, 'GET', '/api/desktops/desktops/shared-with-me')
    ).json();
    assert.deepEqual(
      shared.items.map((d: { ownerName: string; role: string }) => [
        d.ownerName,
        d.role,
      ]),
      [['Alice Student', 'viewer']],
    );

    const courses = await (
      await api(contexts.teacher, 'GET', '/api/courses/courses')
    ).json();
    const cs101 = courses.items.find(
      (c: { code: string }) => c.code === 'CS101',
    );
    const { page } = teacher;
    await page.goto(`${appUrl}/courses/${cs101.id}/classroom`);
    for (const name of ['Alice Student', 'Bob Student']) {
      await page
        .getByRole('img', { name: `Screen of ${name}’s desktop` })
        .waitFor({ timeout: 90_000 });
    }
    await page
      .getByRole('region', { name: 'Bob Student' })
      .getByText('Hand raised')
      .waitFor();
    await shot(page, 'c8-demo-classroom');
  });
});
