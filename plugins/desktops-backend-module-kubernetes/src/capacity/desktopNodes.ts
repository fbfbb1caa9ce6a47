import type { V1Node, V1Taint, V1Toleration } from '@kubernetes/client-node';
// The library's quantity parser; its package index leaves it out.
import { quantityToScalar } from '@kubernetes/client-node/dist/util.js';
import type { RuntimeCapacity } from '@internal/backstage-plugin-desktops-node';

const MIB = 1024 * 1024;

/** Where the runtime lets desktop pods go (desktops.kubernetes). */
export type DesktopPlacement = {
  nodeSelector: Record<string, string>;
  tolerations: V1Toleration[];
  /** Static homes: a pod runs on its home's node, one of these. */
  nodeNames?: string[];
};

function isReady(node: V1Node): boolean {
  return Boolean(
    node.status?.conditions?.some(
      c => c.type === 'Ready' && c.status === 'True',
    ),
  );
}

/** The scheduler's rule (k8s.io/api/core/v1 Toleration.ToleratesTaint). */
function tolerates(toleration: V1Toleration, taint: V1Taint): boolean {
  if (toleration.effect && toleration.effect !== taint.effect) return false;
  if (toleration.key && toleration.key !== taint.key) return false;
  if (toleration.operator === 'Exists') return true;
  // Equal (the default); an empty key needs Exists.
  return (
    Boolean(toleration.key) && (toleration.value ?? '') === (taint.value ?? '')
  );
}

/** Taints that keep pods off the node (PreferNoSchedule only discourages). */
function keepsDesktopsOff(taint: V1Taint, tolerations: V1Toleration[]) {
  return (
    (taint.effect === 'NoSchedule' || taint.effect === 'NoExecute') &&
    !tolerations.some(t => tolerates(t, taint))
  );
}

/**
 * The nodes a desktop pod could be scheduled on now: Ready, not cordoned,
 * labelled as the node selector asks, every NoSchedule/NoExecute taint
 * tolerated, and (static homes) one of the home nodes.
 */
export function desktopNodes(
  nodes: V1Node[],
  placement: DesktopPlacement,
): V1Node[] {
  return nodes.filter(node => {
    const labels = node.metadata?.labels ?? {};
    return (
      isReady(node) &&
      !node.spec?.unschedulable &&
      Object.entries(placement.nodeSelector).every(
        ([key, value]) => labels[key] === value,
      ) &&
      !(node.spec?.taints ?? []).some(taint =>
        keepsDesktopsOff(taint, placement.tolerations),
      ) &&
      (!placement.nodeNames ||
        placement.nodeNames.includes(node.metadata?.name ?? ''))
    );
  });
}

/** The sum of the nodes' allocatable CPU and memory. */
export function allocatableOf(nodes: V1Node[]): RuntimeCapacity {
  let cpus = 0;
  let memoryBytes = 0;
  for (const node of nodes) {
    const allocatable = node.status?.allocatable ?? {};
    // quantityToScalar gives numbers for CPU (fractions: "1500m") and
    // bigints for binary suffixes ("64Gi"); both fit a double here.
    cpus += Number(quantityToScalar(allocatable.cpu ?? '0'));
    memoryBytes += Number(quantityToScalar(allocatable.memory ?? '0'));
  }
  return {
    allocatable: {
      // Milli-CPUs are the finest unit a node reports.
      cpus: Math.round(cpus * 1000) / 1000,
      memoryMiB: Math.floor(memoryBytes / MIB),
    },
  };
}
