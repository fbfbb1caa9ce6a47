import {
  CoreV1Api,
  NetworkingV1Api,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { labstageKubeConfig, testCluster } from './__testUtils__/testCluster';
import { apiMessage, apiStatus } from './workload/apiErrors';

/*
 * Labstage works as the ServiceAccount of
 * deploy/kubernetes/labstage-desktops-rbac.yaml, which the test cluster
 * applies as it is. These calls go to the real API server with that
 * account's token; RBAC answers.
 */

async function statusOf(call: Promise<unknown>): Promise<number | 'allowed'> {
  try {
    await call;
    return 'allowed';
  } catch (error) {
    const status = apiStatus(error);
    if (status === undefined) throw error;
    return status;
  }
}

/** A pod the namespace's `restricted` Pod Security level admits. */
const pod = (namespace: string) => ({
  metadata: { name: 'rbac-probe', namespace },
  spec: {
    securityContext: {
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    },
    containers: [
      {
        name: 'c',
        image: 'labstage/desktop:latest',
        securityContext: {
          allowPrivilegeEscalation: false,
          capabilities: { drop: ['ALL'] },
        },
      },
    ],
  },
});

describe('the Labstage ServiceAccount on the real API server', () => {
  const kc = labstageKubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const networking = kc.makeApiClient(NetworkingV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const namespace = testCluster().namespace;

  it('works with pods, claims, secrets, services, network policies and events in its namespace', async () => {
    expect(await statusOf(core.listNamespacedPod({ namespace }))).toBe(
      'allowed',
    );
    expect(
      await statusOf(core.listNamespacedPersistentVolumeClaim({ namespace })),
    ).toBe('allowed');
    expect(await statusOf(core.listNamespacedSecret({ namespace }))).toBe(
      'allowed',
    );
    expect(await statusOf(core.listNamespacedService({ namespace }))).toBe(
      'allowed',
    );
    expect(
      await statusOf(networking.listNamespacedNetworkPolicy({ namespace })),
    ).toBe('allowed');
    expect(await statusOf(core.listNamespacedEvent({ namespace }))).toBe(
      'allowed',
    );
    // A dry run is authorized (and admitted) like the real thing, leaving nothing behind.
    expect(
      await statusOf(
        core.createNamespacedPod({
          namespace,
          body: pod(namespace),
          dryRun: 'All',
        }),
      ),
    ).toBe('allowed');
  });

  it('cannot run a pod below the restricted Pod Security level in its namespace', async () => {
    const rootPod = pod(namespace);
    rootPod.spec.securityContext.runAsUser = 0;
    rootPod.spec.containers[0].securityContext.capabilities.drop = [];
    const refusal = await core
      .createNamespacedPod({ namespace, body: rootPod, dryRun: 'All' })
      .then(() => 'admitted', apiMessage);
    expect(refusal).toMatch(
      /^403: .*violates PodSecurity "restricted:latest": .*runAsUser=0/,
    );
  });

  it.each(['default', 'kube-system'])(
    'is refused in namespace %s',
    async other => {
      expect(await statusOf(core.listNamespacedPod({ namespace: other }))).toBe(
        403,
      );
      expect(
        await statusOf(
          core.createNamespacedPod({
            namespace: other,
            body: pod(other),
            dryRun: 'All',
          }),
        ),
      ).toBe(403);
      expect(
        await statusOf(core.listNamespacedSecret({ namespace: other })),
      ).toBe(403);
      expect(
        await statusOf(
          core.readNamespacedSecret({ name: 'anything', namespace: other }),
        ),
      ).toBe(403);
    },
  );

  it('reads the nodes (the capacity page) but cannot change them', async () => {
    expect(await statusOf(core.listNode())).toBe('allowed');
    const [node] = (await core.listNode()).items;
    expect(node).toBeDefined();
    const name = node.metadata!.name!;
    expect(await statusOf(core.readNode({ name }))).toBe('allowed');
    expect(
      await statusOf(
        core.patchNode({
          name,
          body: [{ op: 'add', path: '/spec/unschedulable', value: true }],
          dryRun: 'All',
        }),
      ),
    ).toBe(403);
    expect(await statusOf(core.deleteNode({ name, dryRun: 'All' }))).toBe(403);
  });

  it('is refused cluster-wide reads and anything that would widen its own rights', async () => {
    expect(await statusOf(core.listPodForAllNamespaces())).toBe(403);
    expect(await statusOf(core.listNamespace())).toBe(403);
    expect(
      await statusOf(
        core.createNamespace({
          body: { metadata: { name: 'labstage-escape' } },
          dryRun: 'All',
        }),
      ),
    ).toBe(403);
    expect(
      await statusOf(
        rbac.createNamespacedRoleBinding({
          namespace,
          dryRun: 'All',
          body: {
            metadata: { name: 'escalate' },
            roleRef: {
              apiGroup: 'rbac.authorization.k8s.io',
              kind: 'ClusterRole',
              name: 'cluster-admin',
            },
            subjects: [
              { kind: 'ServiceAccount', name: 'labstage-desktops', namespace },
            ],
          },
        }),
      ),
    ).toBe(403);
  });
});
