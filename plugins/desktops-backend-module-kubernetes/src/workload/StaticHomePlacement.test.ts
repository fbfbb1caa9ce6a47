import { randomBytes } from 'node:crypto';
import { CoreV1Api } from '@kubernetes/client-node';
import { adminCore, labstageKubeConfig } from '../__testUtils__/testCluster';
import { LABEL_MANAGED_BY, MANAGED_BY } from './naming';
import { StaticHomePlacement, pinTo, pinnedNode } from './StaticHomePlacement';

describe('StaticHomePlacement on the real API server', () => {
  const admin = adminCore();
  const tag = randomBytes(3).toString('hex');
  // Node names of this test alone: placement only counts volumes pinned to them.
  const nodes = ['a', 'b', 'c'].map(n => `placement-${tag}-${n}`);
  const volumes: string[] = [];

  async function existingHomeOn(node: string) {
    const name = `placement-${tag}-${volumes.length}`;
    volumes.push(name);
    await admin.createPersistentVolume({
      body: {
        metadata: { name, labels: { [LABEL_MANAGED_BY]: MANAGED_BY } },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          storageClassName: '',
          local: { path: `/nonexistent/${name}` },
          nodeAffinity: pinTo(node),
        },
      },
    });
  }

  afterAll(async () => {
    for (const name of volumes) {
      await admin.deletePersistentVolume({ name }).catch(() => undefined);
    }
  });

  it('puts new homes on the nodes with the fewest, counting the homes already there, also in a burst', async () => {
    await existingHomeOn(nodes[0]);
    await existingHomeOn(nodes[0]);
    await existingHomeOn(nodes[1]);
    const placement = new StaticHomePlacement(
      labstageKubeConfig().makeApiClient(CoreV1Api),
      nodes,
    );
    // Nine launches at once: 3 homes before + 9 new = 4 per node.
    const chosen = await Promise.all(
      Array.from({ length: 9 }, (_, i) => placement.nodeFor(`d${tag}${i}`)),
    );
    const perNode = nodes.map(node => chosen.filter(c => c === node).length);
    expect(perNode).toEqual([2, 3, 4]);
  });

  it('reads the pinned node back from a volume', () => {
    expect(pinnedNode({ spec: { nodeAffinity: pinTo('node-x') } })).toBe(
      'node-x',
    );
    expect(pinnedNode({ spec: {} })).toBeUndefined();
  });
});
