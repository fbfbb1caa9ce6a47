import { RootConfigService } from '@backstage/backend-plugin-api';
import { z } from 'zod';

const MiB = 1024 * 1024;

const roleQuotaSchema = z.strictObject({
  maxRunning: z.number().int().min(0).optional(),
  maxCpus: z.number().positive().optional(),
  maxMemoryMiB: z.number().int().positive().optional(),
});

const settingsSchema = z.object({
  quota: z
    .object({
      maxRunningPerUser: z.number().int().min(0).default(2),
      roles: z
        .object({
          admin: roleQuotaSchema.optional(),
          instructor: roleQuotaSchema.optional(),
          student: roleQuotaSchema.optional(),
        })
        .strict()
        .default({}),
    })
    .default({ maxRunningPerUser: 2, roles: {} }),
  idleStopMinutes: z.number().min(0).default(60),
  files: z
    .object({
      maxUploadBytes: z
        .number()
        .int()
        .positive()
        .default(100 * MiB),
      maxDownloadBytes: z
        .number()
        .int()
        .positive()
        .default(100 * MiB),
    })
    .default({ maxUploadBytes: 100 * MiB, maxDownloadBytes: 100 * MiB }),
  /**
   * For benchmarks on simulated nodes only (bench/class-start.ts on kwok):
   * their pods run no container, so no display can ever answer. With
   * `runningWorkloadIsReady`, a launch counts a running workload as ready
   * without waiting for the display's RFB greeting. Never set it for users:
   * a desktop would show as running before anyone could connect.
   */
  simulation: z
    .object({ runningWorkloadIsReady: z.boolean().default(false) })
    .strict()
    .default({ runningWorkloadIsReady: false }),
});

export type RoleQuota = z.infer<typeof roleQuotaSchema>;

/** The lifecycle settings of `desktops.*` (images and docker are read elsewhere). */
export type DesktopsSettings = z.infer<typeof settingsSchema>;

/** Reads and validates the lifecycle settings; throws naming the bad key. */
export function readDesktopsSettings(
  config: RootConfigService,
): DesktopsSettings {
  const raw = {
    quota: config.getOptional('desktops.quota'),
    idleStopMinutes: config.getOptional('desktops.idleStopMinutes'),
    files: config.getOptional('desktops.files'),
    simulation: config.getOptional('desktops.simulation'),
  };
  const result = settingsSchema.safeParse(raw);
  if (!result.success) {
    const details = result.error.issues
      .map(issue => `desktops.${issue.path.join('.')}: ${issue.message}`)
      .join('; ');
    throw new Error(`Invalid desktops config: ${details}`);
  }
  return result.data;
}

/** Settings with every default, for tests and embedders. */
export function defaultDesktopsSettings(): DesktopsSettings {
  return settingsSchema.parse({});
}
