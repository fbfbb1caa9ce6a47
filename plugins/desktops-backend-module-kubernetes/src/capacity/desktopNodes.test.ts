import type { V1Node } from '@kubernetes/client-node';
import { allocatableOf, desktopNodes } from './desktopNodes';

/*
 * Which nodes count, on node objects as the API server returns them; the
 * same rules on the real control plane are in capacity.test.ts.
 */

function node(
  name: string,
  options: Partial<{
    ready: boolean;
    unschedulable: boolean;
    labels: Record<string, string>;
    taints: Array<{ key: string; value?: string; effect: string }>;
    cpu: string;
    memory: string;
  }> = {},
): V1Node {
  return {
    metadata: { name, labels: options.labels ?? {} },
    spec: { unschedulable: options.unschedulable, taints: options.taints },
    status: {
      conditions: [
        {
          type: 'Ready',
          status: options.ready === false ? 'False' : 'True',
        },
      ],
      allocatable: {
        cpu: options.cpu ?? '2',
        memory: options.memory ?? '4Gi',
      },
    },
  };
}

const names = (nodes: V1Node[]) => nodes.map(n => n.metadata?.name);
const anywhere = { nodeSelector: {}, tolerations: [] };

describe('desktopNodes', () => {
  it('leaves out nodes that are not Ready or are cordoned', () => {
    expect(
      names(
        desktopNodes(
          [
            node('ok'),
            node('down', { ready: false }),
            node('cordoned', { unschedulable: true }),
          ],
          anywhere,
        ),
      ),
    ).toEqual(['ok']);
  });

  it('keeps nodes whose NoSchedule and NoExecute taints are tolerated, and PreferNoSchedule ones', () => {
    const nodes = [
      node('gpu', {
        taints: [{ key: 'gpu', value: 'a', effect: 'NoSchedule' }],
      }),
      node('drain', { taints: [{ key: 'drain', effect: 'NoExecute' }] }),
      node('busy', { taints: [{ key: 'busy', effect: 'PreferNoSchedule' }] }),
    ];
    expect(names(desktopNodes(nodes, anywhere))).toEqual(['busy']);
    // Equal compares the value; Exists takes any; an empty key with
    // Exists tolerates everything.
    expect(
      names(
        desktopNodes(nodes, {
          nodeSelector: {},
          tolerations: [{ key: 'gpu', operator: 'Equal', value: 'b' }],
        }),
      ),
    ).toEqual(['busy']);
    expect(
      names(
        desktopNodes(nodes, {
          nodeSelector: {},
          tolerations: [
            { key: 'gpu', value: 'a', effect: 'NoSchedule' },
            { key: 'drain', operator: 'Exists' },
          ],
        }),
      ),
    ).toEqual(['gpu', 'drain', 'busy']);
    expect(
      names(
        desktopNodes(nodes, {
          nodeSelector: {},
          tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
        }),
      ),
    ).toEqual(['gpu', 'busy']);
  });

  it('keeps only the labelled nodes the selector asks for, and the home nodes of static homes', () => {
    const nodes = [
      node('a', { labels: { pool: 'desktops' } }),
      node('b', { labels: { pool: 'desktops' } }),
      node('c', { labels: { pool: 'other' } }),
    ];
    expect(
      names(
        desktopNodes(nodes, {
          nodeSelector: { pool: 'desktops' },
          tolerations: [],
        }),
      ),
    ).toEqual(['a', 'b']);
    expect(
      names(desktopNodes(nodes, { ...anywhere, nodeNames: ['b', 'c'] })),
    ).toEqual(['b', 'c']);
  });
});

describe('allocatableOf', () => {
  it('sums CPU and memory in the forms nodes report them', () => {
    expect(
      allocatableOf([
        node('a', { cpu: '4', memory: '8Gi' }),
        node('b', { cpu: '1500m', memory: '3072Mi' }),
        node('c', { cpu: '100m', memory: '1048576Ki' }),
        node('d', { cpu: '200m', memory: '1073741824' }),
      ]),
    ).toEqual({
      allocatable: { cpus: 5.8, memoryMiB: 8192 + 3072 + 1024 + 1024 },
    });
    expect(allocatableOf([])).toEqual({
      allocatable: { cpus: 0, memoryMiB: 0 },
    });
  });
});
