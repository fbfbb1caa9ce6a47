// The course environment story in real Chromium: the instructor prepares a
// desktop by typing in its terminal, saves it and publishes it to CS101 from
// the UI; a student launches CS101's environment from the course page and
// gets the instructor's file; the instructor gives every student a copy
// through a template under Create.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  appUrl,
  deleteMadeDesktops,
  demo,
  launchBrowser,
  type MadeDesktops,
  newUserContext,
  screenshotOnFailure,
  shot,
  signIn,
} from './browser.ts';
import {
  launchFirstImage,
  readHomeFile,
  waitForDesktopOnScreen,
  waitForHomeFile,
  waitForTerminalInMiddle,
} from './desktopScreen.ts';

const proof = `course-file-${randomBytes(4).toString('hex')}`;
const proofFile = `${proof}.txt`;
const imageName = `e2e-env-${randomBytes(3).toString('hex')}`;

describe('course environment journey: prepare, save, publish, launch as a student, run a template', () => {
  let browser: Browser;
  let teacher: { context: BrowserContext; page: Page };
  let alice: { context: BrowserContext; page: Page };
  let courseId = '';
  let prepId = '';
  const made: MadeDesktops = [];
  screenshotOnFailure(() => [teacher?.page, alice?.page]);

  before(async () => {
    browser = await launchBrowser();
    const open = async () => {
      const context = await newUserContext(browser);
      return { context, page: await context.newPage() };
    };
    teacher = await open();
    alice = await open();
  });

  after(async () => {
    await deleteMadeDesktops(made);
    await browser?.close();
  });

  it('1. the instructor launches the base desktop and creates a file in home by typing in the terminal', async () => {
    const { page, context } = teacher;
    await signIn(page, demo.teacher.username, demo.teacher.password);
    await page.goto(`${appUrl}/desktops`);
    prepId = await launchFirstImage(page);
    made.push({ context, id: prepId });
    await waitForDesktopOnScreen(page);
    await waitForTerminalInMiddle(page);
    await page.getByTestId('desktop-screen').locator('canvas').click();
    await page.keyboard.type(`echo ${proof} > ~/${proofFile}`, { delay: 15 });
    await page.keyboard.press('Enter');
    await waitForHomeFile(context, prepId, proofFile, proof);
    await shot(page, 'e1-instructor-prepared');
  });

  it('2. the instructor saves the desktop as an image and publishes it to CS101 from the UI', async () => {
    const { page, context } = teacher;
    await page.getByRole('button', { name: 'Save as image' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Image name').fill(imageName);
    await dialog.getByRole('button', { name: 'Save image' }).click();
    await dialog
      .getByText(`personal/teacher/${imageName}:v1`)
      .waitFor({ timeout: 300_000 });
    await shot(page, 'e2a-saved');
    await dialog.getByRole('button', { name: 'Done' }).click();

    const courses = await (
      await api(context, 'GET', '/api/courses/courses')
    ).json();
    courseId = courses.items.find(
      (c: { code: string }) => c.code === 'CS101',
    ).id;
    await page.goto(`${appUrl}/courses/${courseId}/environment`);
    await page.getByTestId('publish-image').waitFor();
    // MUI's select opens a listbox of the instructor's image versions.
    await page.getByTestId('publish-image').click();
    await page.getByRole('option', { name: `${imageName}:v1` }).click();
    await page
      .getByLabel("Description (what's inside, what it's for)")
      .fill('Week 2: the file from the e2e journey');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page
      .getByText(/Published as version \d+/)
      .waitFor({ timeout: 30_000 });
    await shot(page, 'e2b-published');
    const view = await (
      await api(context, 'GET', `/api/desktops/courses/${courseId}/environment`)
    ).json();
    assert.match(view.environment.imageRef, new RegExp(`${imageName}:v1$`));
  });

  it("3. a student launches CS101's environment from the course page and has the instructor's file", async () => {
    const { page, context } = alice;
    await signIn(page, demo.alice.username, demo.alice.password);
    await page.goto(`${appUrl}/courses/${courseId}`);
    const launch = page.getByTestId('environment-launch');
    await launch.waitFor();
    await shot(page, 'e3a-course-environment-card');
    await launch.click();
    await page.waitForURL(/\/desktops\/[a-z0-9]+$/, { timeout: 30_000 });
    const desktopId = new URL(page.url()).pathname.split('/').pop()!;
    made.push({ context, id: desktopId });
    await waitForDesktopOnScreen(page);
    await page.waitForTimeout(1500);
    await shot(page, 'e3b-student-course-desktop');
    // Through the runtime: the file is in her own desktop's home.
    const file = await readHomeFile(context, desktopId, proofFile);
    assert.equal(file.status, 200);
    assert.equal(file.text.trim(), proof);
    const desktop = await (
      await api(context, 'GET', `/api/desktops/desktops/${desktopId}`)
    ).json();
    assert.equal(desktop.courseId, courseId);
    assert.equal(desktop.owner, 'user:default/alice');
  });

  it('4. the instructor gives every student a copy through a template under Create', async () => {
    const { page, context } = teacher;
    await page.goto(`${appUrl}/create`);
    await page
      .getByText('Give every student a copy of a desktop')
      .first()
      .waitFor({ timeout: 60_000 });
    await shot(page, 'e4a-create');
    const card = page.locator('.MuiCard-root', {
      has: page.getByText('Give every student a copy of a desktop', {
        exact: true,
      }),
    });
    await card.getByRole('button', { name: 'Choose' }).click();
    await page.getByLabel('Desktop id').fill(prepId);
    await page.getByLabel('Course id').fill(courseId);
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    await page
      .getByText(/Created \d+ stopped/)
      .first()
      .waitFor({ timeout: 300_000 });
    await shot(page, 'e4b-template-done');
    // bob had no CS101 desktop: he now has a stopped copy; alice keeps hers.
    const desktops = await (
      await api(context, 'GET', `/api/desktops/courses/${courseId}/desktops`)
    ).json();
    const bobs = desktops.items.filter(
      (d: { owner: string }) => d.owner === 'user:default/bob',
    );
    assert.equal(bobs.length, 1);
    assert.equal(bobs[0].state, 'stopped');
    made.push({ context: teacher.context, id: bobs[0].id });
  });
});
