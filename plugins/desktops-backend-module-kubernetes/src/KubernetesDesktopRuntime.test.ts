import { createHash } from 'node:crypto';
import type { RuntimeEvent } from '@internal/backstage-plugin-desktops-node';
import { obfuscateVncPassword } from '@internal/backstage-plugin-desktops-node';
import { waitFor } from '@internal/backstage-plugin-desktops-node/testUtils';
import { NetworkingV1Api, KubeConfig } from '@kubernetes/client-node';
import {
  KWOK_PLACEMENT,
  adminCore,
  newDesktopId,
  testCluster,
  testRuntime,
} from './__testUtils__/testCluster';
import { ignoreNotFound } from './workload/apiErrors';

/*
 * The driver against the real API server, scheduler, controller-manager and
 * kine, with desktops placed on kwok nodes: everything the API server and
 * the scheduler decide is real (Pod Security admission, RBAC, PV binding,
 * node affinity); only the pods' containers are simulated by kwok. What
 * needs a real container (display, files, crashes) is in the conformance
 * suite on the real node.
 */

jest.setTimeout(120_000);

const KWOK_NODES = ['kwok-node-1', 'kwok-node-2'];

function kwokRuntime() {
  return testRuntime({
    ...KWOK_PLACEMENT,
    storage: {
      mode: 'static',
      nodeNames: KWOK_NODES,
      hostPath: testCluster().homesPath,
      size: '1Gi',
    },
  });
}

const spec = (desktopId: string, vncPassword = 'pw123456') => ({
  desktopId,
  owner: 'user:default/alice',
  imageRef: 'labstage/desktop:latest',
  resources: { cpus: 1, memoryMiB: 1536, pids: 512 },
  vncPassword,
});

function adminNetworking() {
  const kc = new KubeConfig();
  kc.loadFromFile(testCluster().adminKubeconfig);
  return kc.makeApiClient(NetworkingV1Api);
}

describe('KubernetesDesktopRuntime on the real control plane (kwok nodes)', () => {
  const { runtime, deploymentId } = kwokRuntime();
  const core = adminCore();
  const namespace = testCluster().namespace;
  const created: string[] = [];

  afterAll(async () => {
    await Promise.all(
      created.map(id => runtime.remove(id).catch(() => undefined)),
    );
    await runtime.dispose();
  });

  it('creates a pod that the restricted Pod Security admission accepts, with its home, VNC Secret and NetworkPolicy', async () => {
    const id = newDesktopId();
    created.push(id);
    const { handle } = await runtime.start(spec(id));

    const pod = await core.readNamespacedPod({
      name: `labstage-desktop-${id}`,
      namespace,
    });
    expect(pod.metadata?.uid).toBe(handle);
    expect(pod.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'labstage',
      'labstage.io/desktop-id': id,
      'labstage.io/deployment': deploymentId,
      'backstage.io/kubernetes-id': 'labstage-desktops',
      'labstage.io/owner-hash': createHash('sha256')
        .update('user:default/alice')
        .digest('hex')
        .slice(0, 32),
    });
    expect(pod.metadata?.annotations?.['labstage.io/owner']).toBe(
      'user:default/alice',
    );
    expect(pod.spec?.automountServiceAccountToken).toBe(false);
    expect(pod.spec?.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    const container = pod.spec!.containers[0];
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(container.resources).toEqual({
      limits: { cpu: '1', memory: '1536Mi' },
      requests: { cpu: '250m', memory: '768Mi' },
    });
    // Nothing may dial a pod: no TCP or HTTP probe, only exec.
    expect(container.readinessProbe?.exec).toBeDefined();
    expect(container.readinessProbe?.tcpSocket).toBeUndefined();
    expect(container.readinessProbe?.httpGet).toBeUndefined();
    expect(container.livenessProbe).toBeUndefined();
    // The scheduler placed it by its home's node affinity.
    expect(KWOK_NODES).toContain(pod.spec?.nodeName);

    const claim = await core.readNamespacedPersistentVolumeClaim({
      name: `labstage-home-${id}`,
      namespace,
    });
    expect(claim.status?.phase).toBe('Bound');
    const volume = await core.readPersistentVolume({
      name: claim.spec!.volumeName!,
    });
    expect(volume.spec?.local?.path).toContain(id);
    expect(
      volume.spec?.nodeAffinity?.required?.nodeSelectorTerms[0]
        .matchExpressions?.[0].values,
    ).toEqual([pod.spec?.nodeName]);

    const secret = await core.readNamespacedSecret({
      name: `labstage-vnc-${id}`,
      namespace,
    });
    expect(Buffer.from(secret.data!.vncpasswd, 'base64')).toEqual(
      obfuscateVncPassword('pw123456'),
    );

    const policy = await adminNetworking().readNamespacedNetworkPolicy({
      name: `labstage-desktop-${id}`,
      namespace,
    });
    expect(policy.spec?.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.spec?.egress ?? []).toEqual([]);
    expect(policy.spec?.ingress ?? []).toEqual([]);
    expect(policy.spec?.podSelector?.matchLabels).toMatchObject({
      'labstage.io/desktop-id': id,
    });
  });

  it('starts idempotently, stops by deleting the pod and keeping the home, and renews the VNC Secret on the next start', async () => {
    const id = newDesktopId();
    created.push(id);
    const first = await runtime.start(spec(id, 'first111'));
    expect(await runtime.start(spec(id, 'first111'))).toEqual(first);
    expect((await runtime.inspect(id))?.state).toBe('running');

    await runtime.stop(id);
    expect(await runtime.inspect(id)).toBeUndefined();
    expect(
      await ignoreNotFound(
        core.readNamespacedPod({ name: `labstage-desktop-${id}`, namespace }),
      ),
    ).toBeUndefined();
    const claim = await core.readNamespacedPersistentVolumeClaim({
      name: `labstage-home-${id}`,
      namespace,
    });
    expect(claim.status?.phase).toBe('Bound');
    await runtime.stop(id); // stopping a stopped desktop is fine

    const second = await runtime.start(spec(id, 'second22'));
    expect(second.handle).not.toBe(first.handle);
    const again = await core.readNamespacedPersistentVolumeClaim({
      name: `labstage-home-${id}`,
      namespace,
    });
    expect(again.metadata?.uid).toBe(claim.metadata?.uid);
    const secret = await core.readNamespacedSecret({
      name: `labstage-vnc-${id}`,
      namespace,
    });
    expect(Buffer.from(secret.data!.vncpasswd, 'base64')).toEqual(
      obfuscateVncPassword('second22'),
    );
  });

  it('removes pod, claim, volume, Secret and NetworkPolicy, or keeps the home when asked', async () => {
    const kept = newDesktopId();
    const gone = newDesktopId();
    created.push(kept, gone);
    await Promise.all([runtime.start(spec(kept)), runtime.start(spec(gone))]);
    const volumeOf = async (id: string) =>
      (
        await core.readNamespacedPersistentVolumeClaim({
          name: `labstage-home-${id}`,
          namespace,
        })
      ).spec!.volumeName!;
    const goneVolume = await volumeOf(gone);

    await runtime.remove(kept, { keepHome: true });
    await runtime.remove(gone);

    expect(await runtime.inspect(kept)).toBeUndefined();
    expect(
      await ignoreNotFound(
        core.readNamespacedPersistentVolumeClaim({
          name: `labstage-home-${kept}`,
          namespace,
        }),
      ),
    ).toBeDefined();
    expect(
      await ignoreNotFound(
        core.readNamespacedPersistentVolumeClaim({
          name: `labstage-home-${gone}`,
          namespace,
        }),
      ),
    ).toBeUndefined();
    // The volume goes once Kubernetes' pv-protection sees its claim gone.
    await waitFor(
      'the removed home volume to be gone',
      async () =>
        (await ignoreNotFound(core.readPersistentVolume({ name: goneVolume })))
          ? undefined
          : true,
      15_000,
    );
    for (const id of [kept, gone]) {
      expect(
        await ignoreNotFound(
          core.readNamespacedSecret({ name: `labstage-vnc-${id}`, namespace }),
        ),
      ).toBeUndefined();
      expect(
        await ignoreNotFound(
          adminNetworking().readNamespacedNetworkPolicy({
            name: `labstage-desktop-${id}`,
            namespace,
          }),
        ),
      ).toBeUndefined();
    }
    // The kept home comes back on the next start of the same desktop.
    await runtime.start(spec(kept));
    expect((await runtime.inspect(kept))?.state).toBe('running');
  });

  it("lists its deployment's desktops only, reading pod status", async () => {
    const other = kwokRuntime();
    const mine = newDesktopId();
    const theirs = newDesktopId();
    created.push(mine);
    try {
      await Promise.all([
        runtime.start(spec(mine)),
        other.runtime.start(spec(theirs)),
      ]);
      const listed = await runtime.list();
      expect(listed.map(s => s.desktopId)).toContain(mine);
      expect(listed.map(s => s.desktopId)).not.toContain(theirs);
      expect(listed.find(s => s.desktopId === mine)).toMatchObject({
        owner: 'user:default/alice',
        state: 'running',
        deploymentId,
        exitCode: null,
        oomKilled: false,
      });
      expect(await runtime.inspect(theirs)).toBeUndefined();
    } finally {
      await other.runtime.remove(theirs).catch(() => undefined);
      await other.runtime.dispose();
    }
  });

  it('reports a pod deleted behind its back as died, then removed', async () => {
    const id = newDesktopId();
    created.push(id);
    await runtime.start(spec(id));
    const events: RuntimeEvent[] = [];
    const unsubscribe = runtime.watch(event => {
      if (event.desktopId === id) events.push(event);
    });
    try {
      await core.deleteNamespacedPod({
        name: `labstage-desktop-${id}`,
        namespace,
        gracePeriodSeconds: 0,
      });
      await waitUntil(() => events.some(e => e.type === 'removed'), 30_000);
      // A late `started` for the start above may come first; the deletion
      // itself must read as the desktop dying, then going away.
      expect(events.map(e => e.type).slice(-2)).toEqual(['died', 'removed']);
      expect(await runtime.inspect(id)).toBeUndefined();
    } finally {
      unsubscribe();
    }
  });

  it('gives the pod IP and port as the display address in podIp mode (never dialled here)', async () => {
    const { runtime: direct } = testRuntime({
      ...KWOK_PLACEMENT,
      displayTransport: 'podIp',
      storage: {
        mode: 'static',
        nodeNames: KWOK_NODES,
        hostPath: testCluster().homesPath,
      },
    });
    const id = newDesktopId();
    try {
      await direct.start(spec(id));
      const pod = await core.readNamespacedPod({
        name: `labstage-desktop-${id}`,
        namespace,
      });
      expect(await direct.endpoint(id)).toEqual({
        kind: 'tcp',
        host: pod.status!.podIP,
        port: 5901,
      });
      // Xvnc listens on every interface of the pod; only the gateway may come in.
      expect(pod.spec!.containers[0].env?.map(e => e.name)).not.toContain(
        'LABSTAGE_VNC_INTERFACE',
      );
      const policy = await adminNetworking().readNamespacedNetworkPolicy({
        name: `labstage-desktop-${id}`,
        namespace,
      });
      expect(policy.spec?.ingress).toEqual([
        {
          _from: [
            {
              podSelector: {
                matchLabels: { 'app.kubernetes.io/name': 'labstage-gateway' },
              },
            },
          ],
          ports: [{ port: 5901, protocol: 'TCP' }],
        },
      ]);
      expect(policy.spec?.egress ?? []).toEqual([]);
    } finally {
      await direct.remove(id).catch(() => undefined);
      await direct.dispose();
    }
  });

  it('refuses to run on a node it may not use, saying why, and leaves no pod behind', async () => {
    const { runtime: nowhere } = testRuntime({
      nodeSelector: { type: 'no-such-node' },
      startTimeoutSeconds: 5,
      storage: { mode: 'storageClass', storageClassName: 'labstage-none' },
    });
    const id = newDesktopId();
    try {
      await expect(nowhere.start(spec(id))).rejects.toThrow(
        /The desktop's pod did not start: not scheduled: /,
      );
      expect(await nowhere.inspect(id)).toBeUndefined();
    } finally {
      await nowhere.remove(id).catch(() => undefined);
      await nowhere.dispose();
    }
  });
});

async function waitUntil(check: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise(resolve => setTimeout(resolve, 50));
  }
}
