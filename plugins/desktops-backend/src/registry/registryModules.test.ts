import { createBackendModule } from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';
import { imageRegistryExtensionPoint } from '@internal/backstage-plugin-desktops-node';
import { InMemoryRuntime } from '../__testUtils__/InMemoryRuntime';
import { startDesktopsBackend } from '../__testUtils__/testBackend';
import { testRegistryOptions } from '../__testUtils__/testRegistry';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { DistributionRegistry } from './DistributionRegistry';
import { checkRegistryAtStartup } from './registryFromConfig';

jest.setTimeout(60_000);

/** A registry module as `desktops-backend-module-harbor` would write it: desktops-node only. */
function registryModule(registry: DistributionRegistry, moduleId: string) {
  return createBackendModule({
    pluginId: 'desktops',
    moduleId,
    register(reg) {
      reg.registerInit({
        deps: { extension: imageRegistryExtensionPoint },
        async init({ extension }) {
          extension.setRegistryFactory(() => registry);
        },
      });
    },
  });
}

describe('image registry modules', () => {
  it('uses the registry a module installs, and checks it at startup (real registry)', async () => {
    const registry = new DistributionRegistry(testRegistryOptions());
    const check = jest.spyOn(registry, 'check');
    const runtime = new InMemoryRuntime();
    const backend = await startDesktopsBackend({
      runtime,
      modules: [registryModule(registry, 'test-registry')],
    });
    await waitFor(
      'the startup check',
      async () => (check.mock.calls.length > 0 ? true : undefined),
      10_000,
    );
    await expect(check.mock.results[0].value).resolves.toBeUndefined();
    await backend.stop();
    await runtime.dispose();
  });

  it('refuses to start with two registry modules, naming the problem', async () => {
    const registry = new DistributionRegistry(testRegistryOptions());
    const runtime = new InMemoryRuntime();
    await expect(
      startDesktopsBackend({
        runtime,
        modules: [
          registryModule(registry, 'first-registry'),
          registryModule(registry, 'second-registry'),
        ],
      }),
    ).rejects.toThrow(/An image registry is already installed/);
    await runtime.dispose();
  });
});

describe('the startup check of the registry', () => {
  it('warns, naming the refusal, when the registry does not take the credentials (real registry)', async () => {
    const logger = mockServices.logger.mock();
    const registry = new DistributionRegistry({
      ...testRegistryOptions(),
      password: 'not-the-password',
    });

    await checkRegistryAtStartup(registry, logger);

    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining("refused Labstage's credentials"),
    );
  });

  it('says saving is off when no registry is configured', async () => {
    const logger = mockServices.logger.mock();
    await checkRegistryAtStartup(undefined, logger);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('saving desktops as images is off'),
    );
  });
});
