import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Exec, NetworkingV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  type RuntimeConformanceHarness,
  waitFor,
} from '@internal/backstage-plugin-desktops-node/testUtils';
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import { gatewayFirstFrame } from '@internal/backstage-plugin-desktops-backend/testUtils';
import { allocatableOf } from '../capacity/desktopNodes';
import { execCollect } from '../files/podExec';
import type { KubernetesDesktopRuntime } from '../KubernetesDesktopRuntime';
import { ignoreNotFound } from '../workload/apiErrors';
import {
  homeClaimName,
  homeVolumeName,
  networkPolicyName,
  podName,
  pullSecretName,
  vncSecretName,
} from '../workload/naming';
import { adminCore, testCluster, testRuntime } from './testCluster';

const IMAGE = 'labstage/desktop:latest';

/**
 * The real test cluster as the runtime conformance suite drives it: desktops
 * on the real node (kubelet, containerd, runc), homes as static local
 * volumes on it, one deployment id for the whole run (a "restarted backend"
 * is a new runtime instance on it), shell commands through the exec API as
 * the desktop's user, and cleanup as cluster-admin. Without the real node
 * (the kubelet could not run on this machine) the cases that need a
 * running desktop are skipped, and the suite prints why.
 */
export function kubernetesConformanceHarness(): RuntimeConformanceHarness {
  const cluster = testCluster();
  const deploymentId = `cf-${randomBytes(4).toString('hex')}`;
  const admin = new KubeConfig();
  admin.loadFromFile(cluster.adminKubeconfig);
  const core = adminCore();
  const networking = admin.makeApiClient(NetworkingV1Api);
  const exec = new Exec(admin);
  const namespace = cluster.namespace;

  return {
    name: 'kubernetes',
    unavailable: cluster.realNode
      ? undefined
      : `the test cluster has no real node here (${cluster.realNodeMissing}); kwok nodes run no containers`,
    timeouts: { eventMs: 60_000, displayMs: 60_000 },

    async createRuntime() {
      return testRuntime({}, deploymentId).runtime;
    },

    async disposeRuntime(runtime) {
      await (runtime as KubernetesDesktopRuntime).dispose();
    },

    spec(desktopId, overrides = {}) {
      return {
        desktopId,
        owner: 'user:default/conformance',
        imageRef: IMAGE,
        resources: { cpus: 1, memoryMiB: 768, pids: 256 },
        vncPassword: 'Conf0rm!',
        ...overrides,
      };
    },

    newDesktopId: () => `cf${randomBytes(5).toString('hex')}`,

    async exec(desktopId, command) {
      const { stdout, exitCode } = await execCollect(
        { exec, namespace, desktopId },
        ['sh', '-c', command],
      );
      return { stdout, exitCode };
    },

    firstFrameThroughGateway: (runtime, desktopId, vncPassword) =>
      gatewayFirstFrame(runtime, desktopId, vncPassword),

    // The harness's runtime keeps homes (so desktops) on the real node
    // alone; without it, on kwok-node-1, whose taint it does not tolerate.
    // (Parsing quantities is capacity.test.ts's; this is which nodes count.)
    async engineCapacity() {
      if (!cluster.realNode) {
        return { allocatable: { cpus: 0, memoryMiB: 0 } };
      }
      return allocatableOf([await core.readNode({ name: cluster.realNode })]);
    },

    async cleanup(desktopId) {
      // Not a forced delete: the folder is removed below only once the
      // kubelet has ended the container, which may still be writing to it.
      await ignoreNotFound(
        core.deleteNamespacedPod({
          name: podName(desktopId),
          namespace,
          gracePeriodSeconds: 1,
        }),
      );
      await waitFor(
        `the pod of ${desktopId} to be gone`,
        async () =>
          (await ignoreNotFound(
            core.readNamespacedPod({ name: podName(desktopId), namespace }),
          ))
            ? undefined
            : true,
        60_000,
      );
      await Promise.all([
        ignoreNotFound(
          core.deleteNamespacedPersistentVolumeClaim({
            name: homeClaimName(desktopId),
            namespace,
          }),
        ),
        ignoreNotFound(
          core.deletePersistentVolume({
            name: homeVolumeName(namespace, desktopId),
          }),
        ),
        ignoreNotFound(
          core.deleteNamespacedSecret({
            name: vncSecretName(desktopId),
            namespace,
          }),
        ),
        ignoreNotFound(
          core.deleteNamespacedSecret({
            name: pullSecretName(desktopId),
            namespace,
          }),
        ),
        ignoreNotFound(
          networking.deleteNamespacedNetworkPolicy({
            name: networkPolicyName(desktopId),
            namespace,
          }),
        ),
      ]);
      await fs.rm(
        join(cluster.homesPath, homeVolumeName(namespace, desktopId)),
        {
          recursive: true,
          force: true,
        },
      );
    },
  };
}
