/* eslint-disable jest/no-standalone-expect -- case bodies: describeRuntimeConformance runs each inside its own `it` */
import { readDisplayGreeting } from '../displayGreeting';
import type { ConformanceCase } from '../context';

/** `RFB 003.008\n` or later: what the gateway accepts. */
function rfbVersion(greeting: string): number {
  const match = /^RFB (\d{3})\.(\d{3})\n$/.exec(greeting);
  if (!match)
    throw new Error(`Not an RFB greeting: ${JSON.stringify(greeting)}`);
  return Number(match[1]) + Number(match[2]) / 1000;
}

export const displayCases: ConformanceCase[] = [
  {
    title:
      'display: the endpoint greets with RFB 3.8+ and offers VncAuth only; through the gateway the spec password gets a first full frame, a wrong one is refused',
    needsWorkload: true,
    async run(ctx) {
      const { runtime, harness } = ctx;
      const { id, spec } = await ctx.startNew();
      const address = await runtime.endpoint(id);
      expect(['unix', 'tcp']).toContain(address.kind);

      const greeting = await readDisplayGreeting(
        address,
        a => ctx.connect(a),
        ctx.timeouts.displayMs,
      );
      expect(rfbVersion(greeting.version)).toBeGreaterThanOrEqual(3.008);
      // 2 = VncAuth; never 1 = None: without the password, no display.
      expect(greeting.securityTypes).toEqual([2]);

      const frame = await harness.firstFrameThroughGateway(
        runtime,
        id,
        spec.vncPassword,
      );
      expect(frame.width).toBeGreaterThan(0);
      expect(frame.height).toBeGreaterThan(0);
      expect(frame.updatedPixels).toBe(frame.width * frame.height);

      await expect(
        harness.firstFrameThroughGateway(runtime, id, 'wrong-pw'),
      ).rejects.toThrow();
    },
  },
];
