import { mockServices } from '@backstage/backend-test-utils';
import { DesktopCapacity } from './DesktopCapacity';
import type { DesktopRecord } from '../store';

/**
 * The report on a runtime that reserves a share of each desktop, as the
 * Kubernetes runtime does (its pods' requests): the real runtime's share is
 * tested in the Kubernetes module (capacity.test.ts), the real Docker
 * engine's whole desktops in capacityRoutes.test.ts.
 */
describe('DesktopCapacity with a reserved share per desktop', () => {
  const running = {
    id: 'd1',
    state: 'running',
    resources: { cpus: 2, memoryMiB: 4096, pids: 512 },
  } as DesktopRecord;

  const capacity = (reservedShare?: { cpus: number; memory: number }) =>
    new DesktopCapacity({
      runtime: {
        kind: 'kubernetes',
        capacity: async () => ({
          allocatable: { cpus: 8, memoryMiB: 16384 },
          ...(reservedShare ? { reservedShare } : {}),
        }),
      },
      desktops: { listInStates: async () => [running] },
      sessions: { listAll: async () => [] },
      environments: { current: async () => undefined },
      courses: { membersOf: async () => [] },
      defaultTimeZone: 'UTC',
      logger: mockServices.logger.mock(),
    });

  it("counts what the scheduler sets aside: the share of each desktop's CPUs and memory", async () => {
    const report = await capacity({ cpus: 0.25, memory: 0.5 }).report();
    expect(report.inUse).toEqual({ cpus: 0.5, memoryMiB: 2048, desktops: 1 });
    // The default desktop (1 CPU, 2048 MiB) reserves 0.25 CPU and 1024 MiB.
    expect(report.perDesktop).toEqual({ cpus: 0.25, memoryMiB: 1024 });
    // Memory is the scarcer: (16384 - 2048) / 1024 = 14; CPU would allow 30.
    expect(report.fitsNow).toBe(14);
  });

  it('counts whole desktops when the runtime reserves all of them (Docker)', async () => {
    const report = await capacity().report();
    expect(report.inUse).toEqual({ cpus: 2, memoryMiB: 4096, desktops: 1 });
    expect(report.perDesktop).toEqual({ cpus: 1, memoryMiB: 2048 });
    expect(report.fitsNow).toBe(6);
  });
});
