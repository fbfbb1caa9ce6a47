// What the backend logged during the class-start benchmark
// (bench/class-start.ts): warnings are where trouble shows.
import { existsSync, readFileSync } from 'node:fs';

/**
 * The warning and error lines of the backend's log, counted per message
 * (ids and numbers masked so that alike messages count together).
 */
export function backendWarnings(
  backendLog: string | undefined,
): Record<string, number> {
  const warnings: Record<string, number> = {};
  if (backendLog && existsSync(backendLog)) {
    for (const line of readFileSync(backendLog, 'utf8').split('\n')) {
      if (!/"level":"(warn|error)"|\b(warn|error)\b/i.test(line)) continue;
      const message = (/"message":"([^"]*)"/.exec(line)?.[1] ?? line)
        .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, '<id>')
        .replace(/\d+/g, 'N')
        .slice(0, 160);
      warnings[message] = (warnings[message] ?? 0) + 1;
    }
  }
  return warnings;
}
