import { randomBytes } from 'node:crypto';
import { mockServices } from '@backstage/backend-test-utils';
import { CoreV1Api } from '@kubernetes/client-node';
import {
  adminCore,
  labstageKubeConfig,
  testCluster,
} from '../__testUtils__/testCluster';
import { ClaimBindings } from './ClaimBindings';
import { LABEL_DEPLOYMENT, LABEL_MANAGED_BY, MANAGED_BY } from './naming';

describe('ClaimBindings on the real API server', () => {
  const admin = adminCore();
  const { namespace } = testCluster();
  const deployment = `bind-${randomBytes(3).toString('hex')}`;
  const labels = {
    [LABEL_MANAGED_BY]: MANAGED_BY,
    [LABEL_DEPLOYMENT]: deployment,
  };
  const kubeConfig = labstageKubeConfig();
  const bindings = new ClaimBindings({
    kubeConfig,
    core: kubeConfig.makeApiClient(CoreV1Api),
    namespace,
    labelSelector: `${LABEL_MANAGED_BY}=${MANAGED_BY},${LABEL_DEPLOYMENT}=${deployment}`,
    logger: mockServices.logger.mock(),
  });
  const claims: string[] = [];
  const volumes: string[] = [];

  async function claim(name: string, volumeName: string) {
    claims.push(name);
    await admin.createNamespacedPersistentVolumeClaim({
      namespace,
      body: {
        metadata: { name, labels },
        spec: {
          accessModes: ['ReadWriteOnce'],
          resources: { requests: { storage: '1Gi' } },
          storageClassName: '',
          volumeName,
        },
      },
    });
  }

  afterAll(async () => {
    await bindings.stop();
    for (const name of claims) {
      await admin
        .deleteNamespacedPersistentVolumeClaim({ name, namespace })
        .catch(() => undefined);
    }
    for (const name of volumes) {
      await admin.deletePersistentVolume({ name }).catch(() => undefined);
    }
  });

  it('tells when a pre-bound claim is bound, from the watch', async () => {
    const name = `${deployment}-bound`;
    volumes.push(name);
    await admin.createPersistentVolume({
      body: {
        metadata: { name, labels },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: '',
          claimRef: { namespace, name },
          local: { path: `/nonexistent/${name}` },
          nodeAffinity: {
            required: {
              nodeSelectorTerms: [
                {
                  matchExpressions: [
                    {
                      key: 'kubernetes.io/hostname',
                      operator: 'In',
                      values: ['kwok-node-1'],
                    },
                  ],
                },
              ],
            },
          },
        },
      },
    });
    await claim(name, name);
    await expect(bindings.waitUntilBound(name, 20_000)).resolves.toBe(true);
    // Once bound, the answer comes from the watch's cache at once.
    await expect(bindings.waitUntilBound(name, 1)).resolves.toBe(true);
  });

  it('gives up after the timeout on a claim that cannot bind', async () => {
    const name = `${deployment}-unbound`;
    await claim(name, `${deployment}-no-such-volume`);
    const started = Date.now();
    await expect(bindings.waitUntilBound(name, 1500)).resolves.toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
  });
});
