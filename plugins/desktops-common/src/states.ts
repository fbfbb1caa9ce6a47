import { DesktopState } from './types';

/**
 * The desktop state machine. Only the lifecycle service moves a desktop, and
 * it persists each transition before acting on the runtime, so a crash
 * mid-way leaves a state the reconciler can correct.
 *
 * @public
 */
export const DESKTOP_TRANSITIONS: Readonly<
  Record<DesktopState, readonly DesktopState[]>
> = {
  pending: ['starting', 'error'],
  starting: ['running', 'stopping', 'error'],
  running: ['stopping', 'error'],
  stopping: ['stopped', 'error'],
  stopped: ['starting', 'error'],
  // A desktop in error may be started again (its home is kept) or settled as
  // stopped once its container is known to be gone.
  error: ['starting', 'stopping', 'stopped'],
};

/** @public */
export function canTransition(from: DesktopState, to: DesktopState): boolean {
  return DESKTOP_TRANSITIONS[from].includes(to);
}

/** States in which a desktop counts against the running quota. @public */
export const ACTIVE_DESKTOP_STATES: readonly DesktopState[] = [
  'pending',
  'starting',
  'running',
];
