/**
 * Test helpers for drivers and modules of the desktops plugin that need the
 * plugin's own gateway: `gatewayFirstFrame` opens any runtime's display
 * through it (the runtime conformance suite's `firstFrameThroughGateway`).
 *
 * @packageDocumentation
 */

export { gatewayFirstFrame } from './gatewayFirstFrame';
export type { GatewayFirstFrame } from './gatewayFirstFrame';
