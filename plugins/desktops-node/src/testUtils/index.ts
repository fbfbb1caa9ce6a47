/**
 * Test helpers for the desktops plugin and its modules.
 *
 * @packageDocumentation
 */

export { idleRuntime, runtimeModule } from './idleRuntime';
export { waitFor } from './waitFor';
export { describeRuntimeConformance } from './runtimeConformance';
export type {
  RuntimeConformanceExecResult,
  RuntimeConformanceFrame,
  RuntimeConformanceHarness,
  RuntimeConformanceTimeouts,
} from './runtimeConformance';
