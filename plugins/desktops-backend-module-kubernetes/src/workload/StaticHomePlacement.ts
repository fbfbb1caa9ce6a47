import { createHash } from 'node:crypto';
import type { CoreV1Api, V1PersistentVolume } from '@kubernetes/client-node';
import { LABEL_MANAGED_BY, MANAGED_BY } from './naming';

const HOSTNAME_KEY = 'kubernetes.io/hostname';

/** The node a static home volume is pinned to, from its node affinity. */
export function pinnedNode(volume: V1PersistentVolume): string | undefined {
  for (const term of volume.spec?.nodeAffinity?.required?.nodeSelectorTerms ??
    []) {
    for (const expression of term.matchExpressions ?? []) {
      if (expression.key === HOSTNAME_KEY && expression.operator === 'In') {
        return expression.values?.[0];
      }
    }
  }
  return undefined;
}

/** A node-affinity term pinning a volume to one node. */
export function pinTo(nodeName: string) {
  return {
    required: {
      nodeSelectorTerms: [
        {
          matchExpressions: [
            { key: HOSTNAME_KEY, operator: 'In', values: [nodeName] },
          ],
        },
      ],
    },
  };
}

/**
 * Picks the node for a new static home: the configured node holding the
 * fewest Labstage homes. A desktop can only run where its home is, so homes
 * spread by count keep every node's share of a class even; spreading by a
 * hash of the id left one node of 20 with 65 homes for 64 desktop slots in
 * a class of 1,000. Counts come from the cluster's volumes once, then are
 * kept here, so a burst of launches does not all pick the same node.
 */
export class StaticHomePlacement {
  private counts?: Promise<Map<string, number>>;

  constructor(
    private readonly core: CoreV1Api,
    private readonly nodeNames: string[],
  ) {}

  async nodeFor(desktopId: string): Promise<string> {
    this.counts ??= this.countHomes();
    let counts: Map<string, number>;
    try {
      counts = await this.counts;
    } catch (error) {
      this.counts = undefined;
      throw error;
    }
    // Ties go by the id's hash, so backends sharing a cluster spread too.
    const offset =
      createHash('sha256').update(desktopId).digest().readUInt32BE(0) %
      this.nodeNames.length;
    let best = this.nodeNames[offset];
    for (let i = 1; i < this.nodeNames.length; i++) {
      const node = this.nodeNames[(offset + i) % this.nodeNames.length];
      if (counts.get(node)! < counts.get(best)!) best = node;
    }
    counts.set(best, counts.get(best)! + 1);
    return best;
  }

  /** A home was removed: count afresh at the next placement. */
  forget(): void {
    this.counts = undefined;
  }

  private async countHomes(): Promise<Map<string, number>> {
    const counts = new Map(this.nodeNames.map(node => [node, 0]));
    const volumes = await this.core.listPersistentVolume({
      labelSelector: `${LABEL_MANAGED_BY}=${MANAGED_BY}`,
    });
    for (const volume of volumes.items) {
      const node = pinnedNode(volume);
      if (node !== undefined && counts.has(node)) {
        counts.set(node, counts.get(node)! + 1);
      }
    }
    return counts;
  }
}
