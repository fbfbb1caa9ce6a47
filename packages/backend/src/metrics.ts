// Prometheus metrics for the labstage_* instruments that plugins create with
// @opentelemetry/api. The global meter provider must exist before plugins
// ask for meters (the API has no proxy for metrics), so index.ts imports
// this module first.
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';

const port = Number(process.env.LABSTAGE_METRICS_PORT ?? 9464);

if (port > 0) {
  const exporter = new PrometheusExporter({
    // Loopback only: Prometheus scrapes from the same host or through a
    // sidecar; never expose metrics publicly.
    host: process.env.LABSTAGE_METRICS_HOST ?? '127.0.0.1',
    port,
  });
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [exporter] }));
}

// The process's own memory, so a soak (bench/run soak) or a dashboard can
// tell a plateau from a leak: resident set and V8 heap in use.
const processMeter = metrics.getMeter('labstage-process');
processMeter
  .createObservableGauge('labstage_process_resident_memory_bytes', {
    description: 'Resident set size of the backend process',
    unit: 'By',
  })
  .addCallback(result => result.observe(process.memoryUsage.rss()));
processMeter
  .createObservableGauge('labstage_process_heap_used_bytes', {
    description: 'V8 heap in use by the backend process',
    unit: 'By',
  })
  .addCallback(result => result.observe(process.memoryUsage().heapUsed));

// The heap in use is a sawtooth between collections, so it cannot show a
// leak by itself; what a full (mark-compact) collection leaves is the live
// heap, and that is what must stay flat.
let liveHeapAfterFullGc: number | undefined;
new PerformanceObserver(list => {
  const full = list
    .getEntries()
    .some(
      e =>
        (e as { detail?: { kind?: number } }).detail?.kind ===
        constants.NODE_PERFORMANCE_GC_MAJOR,
    );
  if (full) liveHeapAfterFullGc = getHeapStatistics().used_heap_size;
}).observe({ entryTypes: ['gc'] });
processMeter
  .createObservableGauge('labstage_process_heap_live_after_full_gc_bytes', {
    description:
      'V8 heap in use right after the last full garbage collection (the live heap)',
    unit: 'By',
  })
  .addCallback(result => {
    if (liveHeapAfterFullGc !== undefined) result.observe(liveHeapAfterFullGc);
  });
