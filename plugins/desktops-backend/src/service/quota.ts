import { ConflictError } from '@backstage/errors';
import {
  DesktopQuota,
  DesktopResources,
} from '@internal/backstage-plugin-desktops-common';
import { DesktopsSettings, RoleQuota } from './settings';

export type Role = 'admin' | 'instructor' | 'student';

/** The quota entry of a role, or none for users outside the directory. */
export function roleQuota(
  settings: DesktopsSettings,
  role: Role | undefined,
): RoleQuota {
  return (role && settings.quota.roles[role]) || {};
}

export function maxRunningFor(
  settings: DesktopsSettings,
  role: Role | undefined,
): number {
  return (
    roleQuota(settings, role).maxRunning ?? settings.quota.maxRunningPerUser
  );
}

/** The image's resources, clamped to the role's caps. */
export function clampResources(
  resources: DesktopResources,
  quota: RoleQuota,
): DesktopResources {
  return {
    cpus:
      quota.maxCpus !== undefined
        ? Math.min(resources.cpus, quota.maxCpus)
        : resources.cpus,
    memoryMiB:
      quota.maxMemoryMiB !== undefined
        ? Math.min(resources.memoryMiB, quota.maxMemoryMiB)
        : resources.memoryMiB,
    pids: resources.pids,
  };
}

/** 409 with the sentence the UI shows next to the Launch button. */
export function overQuotaError(quota: DesktopQuota): ConflictError {
  const noun = quota.running === 1 ? 'desktop' : 'desktops';
  if (quota.maxRunning === 0) {
    return new ConflictError(
      'Your account may not run desktops. Ask an administrator for a quota.',
    );
  }
  return new ConflictError(
    `You already have ${quota.running} ${noun} running (your limit is ${quota.maxRunning}). Stop one to launch another.`,
  );
}
