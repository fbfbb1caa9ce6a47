import request from 'supertest';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import {
  serviceHeader,
  startDesktopsBackend,
  userHeader,
} from '../__testUtils__/testBackend';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';

jest.setTimeout(60_000);

describe('account deletion routes (runtime replaced by an in-memory fake)', () => {
  it('counts, then removes, every desktop of a user with its home; again it removes nothing', async () => {
    const runtime = new InMemoryRuntime();
    const backend = await startDesktopsBackend({ runtime });
    const http = request(backend.server);
    const auth = serviceHeader('auth');
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await http
        .post('/api/desktops/desktops')
        .set('Authorization', userHeader('bob'))
        .send({ imageId: 'linux-desktop' });
      expect(res.status).toBe(202);
      ids.push(res.body.id);
    }
    await waitFor(
      "bob's desktops to run",
      async () =>
        (await runtime.list()).filter(w => w.state === 'running').length === 2
          ? true
          : undefined,
      10_000,
    );

    const footprint = await http
      .get('/api/desktops/internal/users/bob/footprint')
      .set('Authorization', auth);
    expect(footprint.body).toEqual({ desktops: 2 });
    const removed = await http
      .delete('/api/desktops/internal/users/bob/desktops')
      .set('Authorization', auth);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ desktops: 2 });
    // The workload, and with it its home, is gone.
    for (const id of ids) expect(await runtime.inspect(id)).toBeUndefined();
    const mine = await http
      .get('/api/desktops/desktops')
      .set('Authorization', userHeader('bob'));
    expect(mine.body.items).toEqual([]);
    const again = await http
      .delete('/api/desktops/internal/users/bob/desktops')
      .set('Authorization', auth);
    expect(again.body).toEqual({ desktops: 0 });

    await backend.stop();
    await runtime.dispose();
  });
});
