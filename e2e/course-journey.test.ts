// The portal journeys of a new student and the instructor, in real Chromium.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  api,
  appUrl,
  demo,
  launchBrowser,
  newUserContext,
  screenshotOnFailure,
  shot,
  signIn,
} from './browser.ts';

const suffix = randomBytes(3).toString('hex');
const student = {
  username: `newstudent${suffix}`,
  password: 'a-long-student-password',
  displayName: `New Student ${suffix}`,
};
const question = `How do I list hidden files? (${suffix})`;
const answer = `Use ls -a (${suffix})`;
const announcement = `Lab 1 opens Monday (${suffix})`;
const materialName = `lab1-${suffix}.bin`;
const materialBytes = randomBytes(256 * 1024);

describe('course journey: sign-up, Q&A, announcement, material', () => {
  let browser: Browser;
  let studentContext: BrowserContext;
  let teacherContext: BrowserContext;
  let studentPage: Page;
  let teacherPage: Page;

  screenshotOnFailure(() => [studentPage, teacherPage]);

  before(async () => {
    browser = await launchBrowser();
    studentContext = await newUserContext(browser);
    teacherContext = await newUserContext(browser);
    studentPage = await studentContext.newPage();
    teacherPage = await teacherContext.newPage();
  });
  after(async () => browser?.close());

  it('1. a new student signs up with the demo course code, sees the course and asks a question', async () => {
    const page = studentPage;
    await page.goto(appUrl);
    await page.getByRole('tab', { name: 'Create account' }).click();
    await page.getByLabel('Username').fill(student.username);
    await page.getByLabel('Display name').fill(student.displayName);
    await page.getByLabel('Email').fill(`${student.username}@example.org`);
    await page.getByLabel('Password', { exact: true }).fill(student.password);
    await page.getByLabel('Confirm password').fill(student.password);
    await page.getByLabel('Course join code (optional)').fill(demo.courseCode);
    await shot(page, '1a-sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText(`Welcome, ${student.displayName}`).waitFor();
    await page
      .getByRole('link', { name: new RegExp(demo.courseTitle) })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Q&A' }).click();
    await page.getByRole('button', { name: 'Ask a question' }).click();
    await page.getByLabel('Title').fill(question);
    await page
      .getByLabel('Question', { exact: true })
      .fill('I tried `ls` but **dotfiles** are missing.');
    await page.getByRole('button', { name: 'Post question' }).click();
    await page.getByText(question).waitFor();
    await shot(page, '1b-student-asked-question');
  });

  it('2. the instructor answers, posts an announcement and uploads a material', async () => {
    const page = teacherPage;
    await signIn(page, demo.teacher.username, demo.teacher.password);
    await page
      .getByTestId('sidebar-root')
      .getByRole('link', { name: 'Courses' })
      .click();
    await page
      .getByRole('link', { name: new RegExp(demo.courseTitle) })
      .first()
      .click();

    await page.getByRole('tab', { name: 'Q&A' }).click();
    await page.getByRole('button', { name: question, exact: true }).click();
    await page.getByText('Replies (0)').waitFor();
    await page.getByLabel('Reply', { exact: true }).fill(answer);
    await page.getByRole('button', { name: 'Post reply' }).click();
    await page.getByText('Replies (1)').waitFor();
    await page.locator('p', { hasText: answer }).waitFor();
    await shot(page, '2a-instructor-answered');

    await page.getByRole('tab', { name: 'Announcements' }).click();
    await page.getByRole('button', { name: 'New announcement' }).click();
    await page.getByLabel('Title').fill(announcement);
    await page
      .getByLabel('Message', { exact: true })
      .fill('Bring your **questions**.');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(announcement).waitFor();
    await shot(page, '2b-instructor-announced');

    const file = join(tmpdir(), materialName);
    writeFileSync(file, materialBytes);
    await page.getByRole('tab', { name: 'Materials' }).click();
    await page.getByLabel('File').setInputFiles(file);
    await page.getByRole('row').filter({ hasText: materialName }).waitFor();
    await shot(page, '2c-instructor-uploaded');
  });

  it('3. the student sees the announcement on Home and downloads the material intact', async () => {
    const page = studentPage;
    await page.goto(appUrl);
    await page.getByText(announcement).waitFor();
    await shot(page, '3a-student-home');

    await page
      .getByRole('link', { name: new RegExp(demo.courseTitle) })
      .first()
      .click();
    await page.getByRole('tab', { name: 'Materials' }).click();
    const row = page.getByRole('row').filter({ hasText: materialName });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('button', { name: `Download ${materialName}` }).click(),
    ]);
    assert.equal(download.suggestedFilename(), materialName);
    const saved = join(tmpdir(), `downloaded-${materialName}`);
    await download.saveAs(saved);
    assert.ok(
      readFileSync(saved).equals(materialBytes),
      'downloaded bytes equal the uploaded bytes',
    );
    await shot(page, '3b-student-materials');
  });

  it('4. a student can open neither the Roster nor the Admin page, by the UI or by the API', async () => {
    const page = studentPage;
    await page.getByRole('tab', { name: 'Overview' }).waitFor();
    assert.equal(
      await page.getByRole('tab', { name: 'Roster' }).count(),
      0,
      'no Roster tab for a student',
    );
    const courseUrl = new URL(page.url());
    const courseId = courseUrl.pathname.split('/')[2];

    await page.goto(`${appUrl}/courses/${courseId}/roster`);
    await page
      .getByText("The roster is for the course's instructors only")
      .waitFor();
    await shot(page, '4a-student-roster-refused');
    const roster = await api(
      studentContext,
      'GET',
      `/api/courses/courses/${courseId}/roster`,
    );
    assert.equal(roster.status(), 403);

    await page.goto(`${appUrl}/admin`);
    await page.getByText(/admins only/i).waitFor();
    assert.equal(
      await page.getByRole('link', { name: 'Admin' }).count(),
      0,
      'no Admin item in the sidebar',
    );
    await shot(page, '4b-student-admin-refused');
    const users = await api(studentContext, 'GET', '/api/auth/accounts/users');
    assert.equal(users.status(), 403);
  });
});
