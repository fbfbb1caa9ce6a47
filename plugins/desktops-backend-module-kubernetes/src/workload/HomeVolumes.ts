import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { CoreV1Api } from '@kubernetes/client-node';
import type { HomeStorageConfig } from '../config/kubernetesRuntimeConfig';
import { ignoreConflict, ignoreNotFound } from './apiErrors';
import { DESKTOP_UID, homeClaimName, homeVolumeName } from './naming';
import { StaticHomePlacement, pinTo } from './StaticHomePlacement';
import type { ClaimBindings } from './ClaimBindings';

/** Not fatal when it runs out: the scheduler retries the pod on its own. */
const BIND_TIMEOUT_MS = 30_000;

/**
 * A desktop's home: one PersistentVolumeClaim, kept across stop and start and
 * deleted only with the desktop.
 * - storageClass mode: the cluster's provisioner makes the volume.
 * - static mode (single-node clusters, no provisioner): Labstage makes a
 *   `local` PersistentVolume per home, in a folder on one of the configured
 *   nodes, pre-bound to the claim; the scheduler then runs the pod on that
 *   node. The backend runs on that node and owns the folders.
 */
export class HomeVolumes {
  private readonly placement?: StaticHomePlacement;

  constructor(
    private readonly core: CoreV1Api,
    private readonly namespace: string,
    private readonly storage: HomeStorageConfig,
    private readonly labels: (desktopId: string) => Record<string, string>,
    private readonly bindings: ClaimBindings,
  ) {
    if (storage.mode === 'static') {
      this.placement = new StaticHomePlacement(core, storage.nodeNames);
    }
  }

  async exists(desktopId: string): Promise<boolean> {
    const claim = await ignoreNotFound(
      this.core.readNamespacedPersistentVolumeClaim({
        name: homeClaimName(desktopId),
        namespace: this.namespace,
      }),
    );
    return claim !== undefined;
  }

  async ensure(desktopId: string): Promise<void> {
    const claim = homeClaimName(desktopId);
    const existing = await ignoreNotFound(
      this.core.readNamespacedPersistentVolumeClaim({
        name: claim,
        namespace: this.namespace,
      }),
    );
    if (existing) return;
    const storage = this.storage;
    let volumeName: string | undefined;
    if (storage.mode === 'static') {
      volumeName = homeVolumeName(this.namespace, desktopId);
      await this.createLocalVolume(desktopId, volumeName, storage);
    }
    await ignoreConflict(
      this.core.createNamespacedPersistentVolumeClaim({
        namespace: this.namespace,
        body: {
          metadata: { name: claim, labels: this.labels(desktopId) },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: storage.size } },
            ...this.claimClass(volumeName),
          },
        },
      }),
    );
    // A pod whose claim is not bound yet is unschedulable, and is retried on
    // every claim update in the namespace (see ClaimBindings). A pre-bound
    // claim binds within moments, so wait for that first. (A storage class
    // that binds on first use binds only once the pod is scheduled.)
    if (storage.mode === 'static') {
      await this.bindings.waitUntilBound(claim, BIND_TIMEOUT_MS);
    }
  }

  /** Static: no class, bound to its own volume; otherwise the configured (or default) class. */
  private claimClass(volumeName: string | undefined) {
    if (this.storage.mode === 'static') {
      return { storageClassName: '', volumeName };
    }
    return this.storage.storageClassName
      ? { storageClassName: this.storage.storageClassName }
      : {};
  }

  async remove(desktopId: string): Promise<void> {
    await ignoreNotFound(
      this.core.deleteNamespacedPersistentVolumeClaim({
        name: homeClaimName(desktopId),
        namespace: this.namespace,
      }),
    );
    if (this.storage.mode !== 'static') return;
    await ignoreNotFound(
      this.core.deletePersistentVolume({
        name: homeVolumeName(this.namespace, desktopId),
      }),
    );
    this.placement?.forget();
    // The desktop wrote this folder: fs.rm removes links, never follows them.
    await fs.rm(this.folder(desktopId), { recursive: true, force: true });
  }

  private folder(desktopId: string): string {
    if (this.storage.mode !== 'static') throw new Error('not static storage');
    return join(
      this.storage.hostPath,
      homeVolumeName(this.namespace, desktopId),
    );
  }

  private async createLocalVolume(
    desktopId: string,
    name: string,
    storage: Extract<HomeStorageConfig, { mode: 'static' }>,
  ): Promise<void> {
    const path = this.folder(desktopId);
    await fs.mkdir(storage.hostPath, { recursive: true, mode: 0o711 });
    await fs.mkdir(path, { mode: 0o700 }).catch(error => {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    });
    // The image's user owns its home, as on Docker's volume.
    await fs.chown(path, DESKTOP_UID, DESKTOP_UID);
    await ignoreConflict(
      this.core.createPersistentVolume({
        body: {
          metadata: { name, labels: this.labels(desktopId) },
          spec: {
            capacity: { storage: storage.size },
            accessModes: ['ReadWriteOnce'],
            persistentVolumeReclaimPolicy: 'Retain',
            storageClassName: '',
            volumeMode: 'Filesystem',
            claimRef: {
              namespace: this.namespace,
              name: homeClaimName(desktopId),
            },
            local: { path },
            nodeAffinity: pinTo(await this.placement!.nodeFor(desktopId)),
          },
        },
      }),
    );
  }
}
