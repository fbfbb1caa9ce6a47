// The red-team checks that need the whole running platform: the accounts
// module, the permission policy, the catalog, courses and desktops backends
// and the gateway together, as a hostile or careless user meets them.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import type { Browser, BrowserContext } from 'playwright-core';
import {
  api,
  apiUrl,
  demo,
  launchBrowser,
  newUserContext,
  signInByApi,
} from './browser.ts';
import { launchRunningDesktop, openGatewaySession } from './gateway.ts';

const run = promisify(execFile);

describe('security journeys against the running platform', () => {
  let browser: Browser;
  let admin: BrowserContext;

  before(async () => {
    browser = await launchBrowser();
    admin = await newUserContext(browser);
    await signInByApi(admin, demo.admin.username, demo.admin.password);
  });
  after(async () => {
    await browser?.close();
  });

  async function signUp(context: BrowserContext, username: string) {
    const res = await context.request.post(
      `${apiUrl}/api/auth/accounts/signup`,
      {
        data: {
          username,
          displayName: `Test ${username}`,
          email: `${username}@example.org`,
          password: `${username}-password`,
          joinCode: demo.courseCode,
        },
      },
    );
    assert.equal(res.status(), 201, await res.text());
  }

  it('disabling a user cuts their live desktop connection within 1 s', async () => {
    const bob = await newUserContext(browser);
    await signInByApi(bob, demo.bob.username, demo.bob.password);
    const desktopId = await launchRunningDesktop(bob);
    try {
      const session = await openGatewaySession(bob, desktopId, 'control');
      const disabledAt = Date.now();
      const res = await api(
        admin,
        'POST',
        '/api/auth/accounts/users/bob/disabled',
        { disabled: true },
      );
      assert.equal(res.status(), 200, await res.text());
      const closed = await Promise.race([
        session.closed,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('still open after 5 s')), 5000),
        ),
      ]);
      assert.equal(
        closed.code,
        4403,
        `close code ${closed.code} ${closed.reason}`,
      );
      assert.equal(closed.reason, 'Your account was disabled');
      assert.ok(
        closed.at - disabledAt <= 1000,
        `closed ${closed.at - disabledAt} ms after the disable call`,
      );
    } finally {
      const enabled = await api(
        admin,
        'POST',
        '/api/auth/accounts/users/bob/disabled',
        { disabled: false },
      );
      assert.equal(enabled.status(), 200, await enabled.text());
      await api(admin, 'DELETE', `/api/desktops/desktops/${desktopId}`);
      await bob.close();
    }
  });

  it("a student's catalog reads show no other account's e-mail and no course they are not in", async () => {
    const alice = await newUserContext(browser);
    await signInByApi(alice, demo.alice.username, demo.alice.password);
    const res = await api(alice, 'GET', '/api/catalog/entities');
    assert.equal(res.status(), 200);
    const text = await res.text();
    const emails = new Set(text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []);
    const me = await (await api(alice, 'GET', '/api/auth/accounts/me')).json();
    assert.deepEqual(
      [...emails].filter(e => e !== me.user.email),
      [],
      'other e-mails visible',
    );
    const entities: Array<{
      kind: string;
      metadata: { name: string };
      relations?: Array<{ type: string; targetRef: string }>;
    }> = JSON.parse(text);
    const users = entities
      .filter(e => e.kind === 'User')
      .map(e => e.metadata.name);
    assert.deepEqual(users, ['alice']);
    for (const group of entities.filter(e => e.kind === 'Group')) {
      assert.ok(
        group.relations?.some(
          r => r.type === 'hasMember' && r.targetRef === 'user:default/alice',
        ),
        `alice can read group ${group.metadata.name} without being in it`,
      );
    }
    const bob = await api(
      alice,
      'GET',
      '/api/catalog/entities/by-name/user/default/bob',
    );
    assert.equal(bob.status(), 404);
    await alice.close();
  });

  it('concurrent sign-in guesses are bounded, and the class behind the same address still signs in', async () => {
    const target = `target${randomBytes(3).toString('hex')}`;
    const owner = await newUserContext(browser);
    await signUp(owner, target);
    await owner.close();
    const attacker = await newUserContext(browser);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        attacker.request
          .post(`${apiUrl}/api/auth/accounts/signin`, {
            data: { username: target, password: `guess-${i}` },
          })
          .then(r => r.status()),
      ),
    );
    const verified = statuses.filter(s => s === 401).length;
    assert.ok(
      verified <= 5,
      `${verified} of 12 concurrent guesses were checked (${statuses})`,
    );
    assert.equal(
      statuses.filter(s => s === 429).length,
      12 - verified,
      `${statuses}`,
    );
    await attacker.close();
    for (const user of [demo.alice, demo.teacher, demo.bob]) {
      const classmate = await newUserContext(browser);
      await signInByApi(classmate, user.username, user.password);
      await classmate.close();
    }
  });

  it("deleting an account removes its desktops and enrolment, and keeps its posts as 'deleted user'", async () => {
    const username = `leaver${randomBytes(3).toString('hex')}`;
    const leaver = await newUserContext(browser);
    await signUp(leaver, username);
    const desktopId = await launchRunningDesktop(leaver);
    const courses = await (
      await api(leaver, 'GET', '/api/courses/courses?scope=mine')
    ).json();
    const course = courses.items.find(
      (c: { code: string }) => c.code === 'CS101',
    );
    assert.ok(course, 'enrolled in CS101 by the join code');
    const posted = await api(
      leaver,
      'POST',
      `/api/courses/courses/${course.id}/posts`,
      {
        board: 'qa',
        title: 'A question before I leave',
        body: 'Will this stay after I leave?',
      },
    );
    assert.equal(posted.status(), 201, await posted.text());
    const post = await posted.json();

    const preview = await api(
      admin,
      'GET',
      `/api/auth/accounts/users/${username}/deletion-preview`,
    );
    assert.equal(preview.status(), 200, await preview.text());
    const what = await preview.json();
    assert.equal(what.desktops, 1);
    assert.equal(what.enrolments, 1);
    assert.equal(what.posts, 1);
    assert.equal(what.blockedBecause, undefined);

    const deleted = await api(
      admin,
      'DELETE',
      `/api/auth/accounts/users/${username}`,
    );
    assert.equal(deleted.status(), 204, await deleted.text());

    await assert.rejects(
      run('docker', ['inspect', `labstage-desktop-${desktopId}`]),
      'the container is gone',
    );
    await assert.rejects(
      run('docker', ['volume', 'inspect', `labstage-home-${desktopId}`]),
      'the home volume is gone',
    );
    const all = await (
      await api(admin, 'GET', '/api/desktops/desktops?scope=all')
    ).json();
    assert.ok(!all.items.some((d: { id: string }) => d.id === desktopId));

    const posts = await (
      await api(
        admin,
        'GET',
        `/api/courses/courses/${course.id}/posts?board=qa`,
      )
    ).json();
    const kept = posts.items.find((p: { id: string }) => p.id === post.id);
    assert.ok(kept, 'the post is still there');
    assert.equal(kept.authorDisplayName, 'deleted user');
    assert.ok(
      !JSON.stringify(kept).includes(username),
      'the post no longer names its author',
    );

    const again = await leaver.request.post(
      `${apiUrl}/api/auth/accounts/signin`,
      {
        data: { username, password: `${username}-password` },
      },
    );
    assert.equal(again.status(), 401);
    await leaver.close();
  });
});
