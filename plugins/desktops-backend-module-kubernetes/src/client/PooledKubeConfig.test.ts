import diagnosticsChannel from 'node:diagnostics_channel';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { testCluster } from '../__testUtils__/testCluster';
import { PooledKubeConfig } from './PooledKubeConfig';

/** TLS connections undici opens while `work` runs. */
async function connectionsOpenedBy(work: () => Promise<void>) {
  let opened = 0;
  const count = () => {
    opened++;
  };
  diagnosticsChannel.subscribe('undici:client:connected', count);
  try {
    await work();
  } finally {
    diagnosticsChannel.unsubscribe('undici:client:connected', count);
  }
  return opened;
}

async function listPodsTimes(kc: KubeConfig, times: number) {
  const core = kc.makeApiClient(CoreV1Api);
  for (let i = 0; i < times; i++) {
    await core.listNamespacedPod({
      namespace: testCluster().namespace,
      limit: 1,
    });
  }
}

describe('PooledKubeConfig against the real API server', () => {
  it('reuses one connection for sequential calls, where client-node alone opens one per call', async () => {
    const pooled = new PooledKubeConfig();
    pooled.loadFromFile(testCluster().kubeconfig);
    const plain = new KubeConfig();
    plain.loadFromFile(testCluster().kubeconfig);
    try {
      expect(await connectionsOpenedBy(() => listPodsTimes(pooled, 20))).toBe(
        1,
      );
      // Why the pool exists (client-node 2.0.1): if this starts failing, a
      // client-node release pools by itself and the class can go.
      expect(await connectionsOpenedBy(() => listPodsTimes(plain, 20))).toBe(
        20,
      );
    } finally {
      await pooled.closeConnections();
    }
  });

  it('opens at most 32 connections for a burst of parallel calls', async () => {
    const pooled = new PooledKubeConfig();
    pooled.loadFromFile(testCluster().kubeconfig);
    const core = pooled.makeApiClient(CoreV1Api);
    try {
      const opened = await connectionsOpenedBy(async () => {
        await Promise.all(
          Array.from({ length: 100 }, () =>
            core.listNamespacedPod({
              namespace: testCluster().namespace,
              limit: 1,
            }),
          ),
        );
      });
      expect(opened).toBeGreaterThan(0);
      expect(opened).toBeLessThanOrEqual(32);
    } finally {
      await pooled.closeConnections();
    }
  });
});
