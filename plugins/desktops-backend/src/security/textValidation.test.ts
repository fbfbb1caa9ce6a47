import request from 'supertest';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import { startDesktopsBackend, userHeader } from '../__testUtils__/testBackend';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';

// Security review, issue 7 (low): NUL characters and unpaired surrogates in
// names. PostgreSQL's text columns cannot hold U+0000 (a 500 in production);
// an unpaired surrogate has no UTF-8 form and would be stored as U+FFFD.
// The request schemas refuse both with a 400 before anything is written.
// The runtime is the in-memory fake: no containers are started.
jest.setTimeout(60_000);

const NUL = '\u0000';
// JSON.stringify writes it as the escape \ud800; JSON.parse restores it.
const LONE = '\ud800';
const UNSTORABLE =
  "name: Desktop name contains a character that can't be stored (NUL or an unpaired surrogate)";
const CONTROL =
  'name: Desktop name cannot contain control characters such as tabs or line breaks';

describe('desktops API refuses names it cannot store', () => {
  let runtime: InMemoryRuntime;
  let http: ReturnType<typeof request>;
  let stop: () => Promise<void>;
  let desktopId: string;
  const alice = userHeader('alice');
  const d = (id: string) => `/api/desktops/desktops/${id}`;

  beforeAll(async () => {
    runtime = new InMemoryRuntime();
    const backend = await startDesktopsBackend({
      runtime,
      config: { desktops: { quota: { maxRunningPerUser: 10 } } },
    });
    stop = () => backend.stop();
    http = request(backend.server);
    const created = await http
      .post('/api/desktops/desktops')
      .set('Authorization', alice)
      .send({ imageId: 'linux-desktop', name: 'Lab' });
    if (created.status !== 202) throw new Error(`create: ${created.status}`);
    desktopId = created.body.id;
    await waitFor(
      'the desktop to run',
      async () => {
        const res = await http.get(d(desktopId)).set('Authorization', alice);
        return res.body.state === 'running' ? true : undefined;
      },
      10_000,
    );
  });

  afterAll(async () => {
    await stop?.();
    await runtime?.dispose();
  });

  const mine = async () =>
    (await http.get('/api/desktops/desktops').set('Authorization', alice)).body
      .items;

  it.each([
    ['NUL', `Lab${NUL}2`, UNSTORABLE],
    ['a lone surrogate', `Lab${LONE}2`, UNSTORABLE],
    ['a lone low surrogate', `\udc00Lab`, UNSTORABLE],
    ['a tab', 'Lab\t2', CONTROL],
  ])('rename with %s → 400, name unchanged', async (_, name, message) => {
    const res = await http
      .patch(d(desktopId))
      .set('Authorization', alice)
      .send({ name });
    expect(res.status).toBe(400);
    expect(res.body.error.name).toBe('InputError');
    expect(res.body.error.message).toBe(message);
    const desktop = await http.get(d(desktopId)).set('Authorization', alice);
    expect(desktop.body.name).toBe('Lab');
  });

  it.each([
    ['NUL', `New${NUL}`],
    ['a lone surrogate', `New${LONE}`],
  ])('create with %s in the name → 400, no desktop', async (_, name) => {
    const before = await mine();
    const res = await http
      .post('/api/desktops/desktops')
      .set('Authorization', alice)
      .send({ imageId: 'linux-desktop', name });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(UNSTORABLE);
    expect(await mine()).toEqual(before);
    expect(await runtime.list()).toHaveLength(1);
  });

  it('still renames to a name with an emoji (a surrogate pair)', async () => {
    const res = await http
      .patch(d(desktopId))
      .set('Authorization', alice)
      .send({ name: 'Lab \u{1F600}' });
    expect(res.status).toBe(200);
    expect(res.body.name).toBe('Lab \u{1F600}');
  });
});
