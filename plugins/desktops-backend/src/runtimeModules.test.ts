import request from 'supertest';
import { InMemoryRuntime } from './__testUtils__/InMemoryRuntime';
import {
  runtimeModule,
  waitFor,
} from '@internal/backstage-plugin-desktops-node/testUtils';
import { startDesktopsBackend, userHeader } from './__testUtils__/testBackend';

jest.setTimeout(60_000);

describe('runtime modules', () => {
  it('runs desktops on the runtime a module installed through desktops-node', async () => {
    // The test backend's runtime module imports desktops-node only.
    const runtime = new InMemoryRuntime();
    const backend = await startDesktopsBackend({ runtime });
    const created = await request(backend.server)
      .post('/api/desktops/desktops')
      .set('Authorization', userHeader('alice'))
      .send({ imageId: 'linux-desktop' });
    expect(created.status).toBe(202);
    const status = await waitFor(
      'the desktop to run on the installed runtime',
      async () => {
        const s = await runtime.inspect(created.body.id);
        return s?.state === 'running' ? s : undefined;
      },
      10_000,
    );
    expect(status.owner).toBe('user:default/alice');
    await backend.stop();
    await runtime.dispose();
  });

  it('refuses to start with two runtime modules, naming the problem', async () => {
    const first = new InMemoryRuntime();
    const second = new InMemoryRuntime();
    await expect(
      startDesktopsBackend({
        runtime: first,
        modules: [runtimeModule(second, 'second-runtime')],
      }),
    ).rejects.toThrow(
      /A desktop runtime is already installed: only one desktops runtime module/,
    );
    await first.dispose();
    await second.dispose();
  });
});
