// Benchmark results accumulate in bench/results/latest.json (one run of
// bench/run); bench/report.ts turns them into the README table.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const resultsFile =
  process.env.BENCH_RESULTS ??
  join(import.meta.dirname, '..', 'results', 'latest.json');

export function recordResult(name: string, value: Record<string, unknown>) {
  mkdirSync(join(resultsFile, '..'), { recursive: true });
  const all = existsSync(resultsFile)
    ? JSON.parse(readFileSync(resultsFile, 'utf8'))
    : {};
  all[name] = { ...value, measuredAt: new Date().toISOString() };
  writeFileSync(resultsFile, `${JSON.stringify(all, null, 2)}\n`);
}
