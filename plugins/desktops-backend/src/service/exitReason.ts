import { RuntimeStatus } from '@internal/backstage-plugin-desktops-node';

/** A sentence for the desktop card explaining why a desktop stopped by itself. */
export function exitReason(
  status: RuntimeStatus | undefined,
  memoryMiB: number,
): string {
  if (!status) {
    return "The desktop's container disappeared. Start it again; your home folder is kept.";
  }
  if (status.oomKilled) {
    return `The desktop ran out of memory (limit ${memoryMiB} MiB) and was stopped. Start it again; your home folder is kept.`;
  }
  if (status.exitCode === 137) {
    return 'The desktop was killed (exit code 137). Start it again; your home folder is kept.';
  }
  if (status.exitCode !== null) {
    return `The desktop stopped unexpectedly (exit code ${status.exitCode}). Start it again; your home folder is kept.`;
  }
  return 'The desktop stopped unexpectedly. Start it again; your home folder is kept.';
}
