/**
 * Test helpers for the desktops plugin and its modules.
 *
 * @packageDocumentation
 */

export { idleRuntime, runtimeModule } from './idleRuntime';
