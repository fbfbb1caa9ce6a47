import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  ACCOUNT_CHANGED_TOPIC,
  AccountChangedEvent,
} from '@internal/backstage-plugin-accounts-common';
import http from 'http';
import { pluginServiceProbe } from '@internal/backstage-plugin-labstage-node/testUtils';
import request from 'supertest';
import {
  startCoursesBackend,
  testAccounts,
  userHeader,
} from '../__testUtils__/testBackend';

/**
 * Permission decisions are cached per user for seconds; these prove that the
 * accounts plugin's change event drops them, so a demotion or a disabling
 * counts on the very next request, as it did before the cache.
 */
describe('account changes reach courses at once despite cached permission decisions', () => {
  let server: http.Server;
  const eventsProbe = pluginServiceProbe('courses', eventsServiceRef);

  function account(username: string) {
    return testAccounts.find(a => a.username === username)!;
  }

  /** Changes the account in the directory, then announces it as the accounts plugin does. */
  async function changeAccount(
    username: string,
    update: Partial<{ role: 'student'; disabled: boolean }>,
    kind: AccountChangedEvent['change'],
  ) {
    Object.assign(account(username), update);
    await eventsProbe.get().publish({
      topic: ACCOUNT_CHANGED_TOPIC,
      eventPayload: {
        username,
        userEntityRef: account(username).userEntityRef,
        change: kind,
      } satisfies AccountChangedEvent,
    });
  }

  beforeAll(async () => {
    const backend = await startCoursesBackend({
      extraFeatures: [eventsProbe.feature],
    });
    server = backend.server as unknown as http.Server;
  });

  afterEach(() => {
    Object.assign(account('tina'), { role: 'instructor', disabled: false });
    Object.assign(account('carol'), { disabled: false });
  });

  it('a demoted instructor can no longer create courses on the next request', async () => {
    const tina = userHeader('tina');
    const create = () =>
      request(server)
        .post('/api/courses/courses')
        .set('Authorization', tina)
        .send({ title: 'Networks', code: 'NET1', term: 'Spring 2027' });

    expect((await create()).status).toBe(201);
    await changeAccount('tina', { role: 'student' }, 'role');
    const refused = await create();
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('courses.course.create');
  });

  it('a disabled student can no longer read their course on the next request', async () => {
    const teacher = userHeader('teacher');
    const carol = userHeader('carol');
    const course = await request(server)
      .post('/api/courses/courses')
      .set('Authorization', teacher)
      .send({ title: 'Shell', code: 'SH1', term: 'Spring 2027' });
    expect(course.status).toBe(201);
    expect(
      (
        await request(server)
          .post('/api/courses/join')
          .set('Authorization', carol)
          .send({ code: course.body.joinCode })
      ).status,
    ).toBe(201);
    const read = () =>
      request(server)
        .get(`/api/courses/courses/${course.body.id}`)
        .set('Authorization', carol);

    expect((await read()).status).toBe(200);
    await changeAccount('carol', { disabled: true }, 'disabled');
    expect((await read()).status).toBe(403);
  });
});
