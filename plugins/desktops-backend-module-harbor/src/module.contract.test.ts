import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  ImageRegistry,
  imageRegistryExtensionPoint,
} from '@internal/backstage-plugin-desktops-node';
// Only for this test (a devDependency): the plugin the module installs into.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import desktopsPlugin from '@internal/backstage-plugin-desktops-backend';
import {
  idleRuntime,
  runtimeModule,
} from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  startPluginTestBackend,
  webSocketTolerantHttpRouterFactory,
} from '@internal/backstage-plugin-labstage-node/testUtils';
import harborModule from './index';
import { FakeHarbor } from './__testUtils__/fakeHarbor';

jest.setTimeout(60_000);

function startBackend(options: {
  harbor?: Record<string, unknown>;
  modules?: ReturnType<typeof createBackendModule>[];
}) {
  return startPluginTestBackend({
    features: [
      webSocketTolerantHttpRouterFactory(),
      desktopsPlugin,
      runtimeModule(idleRuntime),
      harborModule,
      ...(options.modules ?? []),
    ],
    accounts: [],
    config: options.harbor ? { desktops: { harbor: options.harbor } } : {},
  });
}

async function waitFor<T>(what: string, probe: () => T | undefined) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}

describe('the harbor module (contract test: the registry it installs talks to a swagger-driven Harbor)', () => {
  let harbor: FakeHarbor;

  beforeEach(async () => {
    harbor = await FakeHarbor.start();
  });

  afterEach(async () => {
    await harbor.stop();
    harbor.assertNoViolations();
  });

  it('installs HarborRegistry in the desktops plugin, which checks it against Harbor at startup', async () => {
    const backend = await startBackend({
      harbor: {
        url: harbor.url,
        username: harbor.username,
        password: harbor.password,
      },
    });
    const check = await waitFor(
      'the startup check',
      () => harbor.requestsTo('getCurrentUserInfo')[0],
    );
    expect(check.headers.authorization).toBe(
      `Basic ${Buffer.from(`${harbor.username}:${harbor.password}`).toString(
        'base64',
      )}`,
    );
    await backend.stop();
  });

  it('refuses to start next to a second registry module, naming the problem', async () => {
    const other: ImageRegistry = {
      host: 'other.invalid',
      personalProject: 'personal',
      check: async () => undefined,
      ensureProject: async () => undefined,
      pushCredentials: async () => ({
        username: '',
        password: '',
        serveraddress: '',
      }),
      pullCredentials: async () => ({
        username: '',
        password: '',
        serveraddress: '',
      }),
      listRepositories: async () => [],
      listArtifacts: async () => [],
      deleteArtifact: async () => undefined,
    };
    const otherModule = createBackendModule({
      pluginId: 'desktops',
      moduleId: 'other-registry',
      register(reg) {
        reg.registerInit({
          deps: { registry: imageRegistryExtensionPoint },
          async init({ registry }) {
            registry.setRegistryFactory(() => other);
          },
        });
      },
    });
    await expect(
      startBackend({
        harbor: {
          url: harbor.url,
          username: harbor.username,
          password: harbor.password,
        },
        modules: [otherModule],
      }),
    ).rejects.toThrow(/An image registry is already installed/);
  });

  it('refuses to start without desktops.harbor, naming the key', async () => {
    await expect(startBackend({})).rejects.toThrow(/desktops\.harbor/);
    expect(harbor.requests).toEqual([]);
  });
});
