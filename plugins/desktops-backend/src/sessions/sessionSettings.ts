import { RootConfigService } from '@backstage/backend-plugin-api';
import { z } from 'zod';

const schema = z.strictObject({
  warmUpConcurrency: z.number().int().min(1).max(64).default(4),
  tickSeconds: z.number().int().min(1).max(300).default(15),
});

/** `desktops.sessions`: how the class session runner paces itself. */
export type ClassSessionSettings = {
  /** Desktops a warm-up starts at once (4 suits one 2-core machine). */
  warmUpConcurrency: number;
  /** How often the runner looks for meetings to warm up or stop. */
  tickSeconds: number;
};

/** Reads `desktops.sessions`; throws naming the bad key. */
export function readClassSessionSettings(
  config: RootConfigService,
): ClassSessionSettings {
  const result = schema.safeParse(
    config.getOptional('desktops.sessions') ?? {},
  );
  if (!result.success) {
    const details = result.error.issues
      .map(i => `desktops.sessions.${i.path.join('.')}: ${i.message}`)
      .join('; ');
    throw new Error(`Invalid desktops config: ${details}`);
  }
  return result.data;
}
