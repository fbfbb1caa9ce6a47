import { randomBytes } from 'node:crypto';
import type { V1Node } from '@kubernetes/client-node';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import {
  KWOK_PLACEMENT,
  adminCore,
  testRuntime,
} from '../__testUtils__/testCluster';
import { ignoreNotFound } from '../workload/apiErrors';

/*
 * capacity() on the real API server, over kwok nodes this test registers
 * with known allocatable CPU and memory: kwok keeps the ones it manages
 * Ready; one it does not manage never becomes Ready. The nodes carry a
 * label of this run, which the runtime's node selector asks for, so the
 * cluster's other nodes stay out of the sums.
 */

jest.setTimeout(120_000);

const core = adminCore();
const run = `cap-${randomBytes(3).toString('hex')}`;
const RUN_LABEL = 'labstage.io/capacity-test';
const KWOK_TAINT = {
  key: 'kwok.x-k8s.io/node',
  value: 'fake',
  effect: 'NoSchedule',
};

type TestNode = {
  name: string;
  cpu: string;
  memory: string;
  /** kwok fakes its heartbeat (Ready); false: no one does. */
  managed?: boolean;
  unschedulable?: boolean;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  runLabel?: string;
};

const nodes: TestNode[] = [
  { name: `${run}-a`, cpu: '4', memory: '8Gi' },
  { name: `${run}-b`, cpu: '1500m', memory: '3072Mi' },
  // Only discourages scheduling: counted.
  {
    name: `${run}-prefer`,
    cpu: '500m',
    memory: '524288Ki',
    taints: [{ key: 'busy', value: 'yes', effect: 'PreferNoSchedule' }],
  },
  { name: `${run}-cordoned`, cpu: '8', memory: '16Gi', unschedulable: true },
  { name: `${run}-notready`, cpu: '8', memory: '16Gi', managed: false },
  {
    name: `${run}-gpu`,
    cpu: '8',
    memory: '16Gi',
    taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }],
  },
  { name: `${run}-other`, cpu: '8', memory: '16Gi', runLabel: 'other' },
];

function manifest(node: TestNode): V1Node {
  const managed = node.managed ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      annotations: managed
        ? { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' }
        : {},
      labels: {
        'kubernetes.io/hostname': node.name,
        [RUN_LABEL]: node.runLabel ?? run,
      },
    },
    spec: {
      unschedulable: node.unschedulable,
      taints: [KWOK_TAINT, ...(node.taints ?? [])],
    },
    status: {
      allocatable: { cpu: node.cpu, memory: node.memory, pods: '110' },
      capacity: { cpu: node.cpu, memory: node.memory, pods: '110' },
    },
  };
}

function readyOf(node: V1Node | undefined) {
  return node?.status?.conditions?.find(c => c.type === 'Ready')?.status;
}

/**
 * Ready, and the node lifecycle controller has taken off the not-ready
 * taint it puts on every new node (on its next pass after Ready: a node
 * still carrying it is rightly left out of the capacity).
 */
function settled(node: V1Node | undefined) {
  return (
    readyOf(node) === 'True' &&
    !node?.spec?.taints?.some(t =>
      [
        'node.kubernetes.io/not-ready',
        'node.kubernetes.io/unreachable',
      ].includes(t.key),
    )
  );
}

/** The runtime of an installation whose desktops go to this run's nodes. */
function runtimeFor(overrides: Record<string, unknown> = {}) {
  return testRuntime({
    nodeSelector: { [RUN_LABEL]: run },
    tolerations: KWOK_PLACEMENT.tolerations,
    storage: { mode: 'storageClass' },
    ...overrides,
  }).runtime;
}

describe('KubernetesDesktopRuntime capacity (real control plane, kwok nodes)', () => {
  beforeAll(async () => {
    for (const node of nodes) {
      await core.createNode({ body: manifest(node) });
    }
    await waitFor(
      "kwok to report this run's managed nodes Ready, and their not-ready taints gone",
      async () => {
        const listed = await core.listNode({
          labelSelector: `${RUN_LABEL} in (${run},other)`,
        });
        const ready = nodes.every(n => {
          const seen = listed.items.find(i => i.metadata?.name === n.name);
          return n.managed ?? true ? settled(seen) : seen;
        });
        return ready ? true : undefined;
      },
      60_000,
    );
  });

  afterAll(async () => {
    await Promise.all(
      nodes.map(n => ignoreNotFound(core.deleteNode({ name: n.name }))),
    );
  });

  it('sums the allocatable of the Ready, schedulable nodes desktops may go to, parsing every quantity form', async () => {
    const runtime = runtimeFor();
    try {
      // a + b + prefer; not the cordoned, not-Ready, untolerated or
      // unselected ones.
      expect((await runtime.capacity()).allocatable).toEqual({
        cpus: 6,
        memoryMiB: 8192 + 3072 + 512,
      });
    } finally {
      await runtime.dispose();
    }
  });

  it('counts only the home nodes with static homes, and reads the nodes again on every call', async () => {
    const runtime = runtimeFor({
      storage: {
        mode: 'static',
        nodeNames: [`${run}-a`, `${run}-b`, `${run}-cordoned`],
        hostPath: '/var/tmp/labstage-capacity-test-homes',
        size: '1Gi',
      },
    });
    try {
      expect((await runtime.capacity()).allocatable).toEqual({
        cpus: 5.5,
        memoryMiB: 8192 + 3072,
      });
      await core.patchNode({
        name: `${run}-b`,
        body: [{ op: 'add', path: '/spec/unschedulable', value: true }],
      });
      expect((await runtime.capacity()).allocatable).toEqual({
        cpus: 4,
        memoryMiB: 8192,
      });
    } finally {
      await runtime.dispose();
    }
  });

  it("tells the share of a desktop the scheduler sets aside: its pods' requests", async () => {
    const runtime = runtimeFor({
      requests: { cpuFraction: 0.5, memoryFraction: 0.75 },
    });
    try {
      expect((await runtime.capacity()).reservedShare).toEqual({
        cpus: 0.5,
        memory: 0.75,
      });
    } finally {
      await runtime.dispose();
    }
  });

  it('counts nothing where desktops tolerate no taint of these nodes', async () => {
    const runtime = runtimeFor({ tolerations: [] });
    try {
      expect((await runtime.capacity()).allocatable).toEqual({
        cpus: 0,
        memoryMiB: 0,
      });
    } finally {
      await runtime.dispose();
    }
  });
});
