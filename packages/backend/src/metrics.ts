// Prometheus metrics for the labstage_* instruments that plugins create with
// @opentelemetry/api. The global meter provider must exist before plugins
// ask for meters (the API has no proxy for metrics), so index.ts imports
// this module first.
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';

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
