import { stringifyError } from '@backstage/errors';
import { DesktopParts } from './DesktopParts';
import { errorMessage } from './errorMessage';

/**
 * Stops the workload of a desktop in `stopping` and settles it as `stopped`
 * (or `error`, saying why the stop failed). Runs in the desktop's queue: the
 * lifecycle's stop, and the reconciler for a stop a restart interrupted.
 */
export async function finishStop(
  { runtime, transitions, logger }: DesktopParts,
  id: string,
  reason: string | null,
): Promise<void> {
  try {
    await runtime.stop(id);
  } catch (error) {
    logger.warn(`Stopping desktop ${id} failed: ${stringifyError(error)}`);
    await transitions.move(id, 'stopping', 'error', {
      stateReason: `The desktop could not be stopped: ${errorMessage(error)}`,
    });
    return;
  }
  await transitions.move(id, 'stopping', 'stopped', {
    stateReason: reason,
  });
}
