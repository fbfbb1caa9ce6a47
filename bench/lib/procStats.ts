// CPU and memory of processes from /proc, for benchmarks that watch the
// backend (and the processes around it) under load.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const ticksPerSecond = Number(
  execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim(),
);

/** user+sys CPU seconds of a process so far; undefined once it is gone. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after
    // its closing parenthesis; utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return undefined;
  }
}

/** The pid of the process listening on a local TCP port (e.g. the backend's 7007). */
export function listenerPid(port: number): number {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], {
    encoding: 'utf8',
  });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on port ${port}`);
  return Number(pid);
}

/** Resident set size in bytes (VmRSS); undefined once the process is gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    return kib === undefined ? undefined : Number(kib) * 1024;
  } catch {
    return undefined;
  }
}

/** The pids whose command name (comm) is `name`, e.g. every `postgres`. */
export function pidsNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) {
        pids.push(Number(entry));
      }
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** The machine's CPU time so far: busy (not idle or iowait) and total, in seconds. */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0];
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3] + values[4];
  return {
    busy: (total - idle) / ticksPerSecond,
    total: total / ticksPerSecond,
  };
}

/**
 * CPU seconds used by a group of processes between `start()` and `stop()`:
 * processes that appear meanwhile count from zero, ones that end meanwhile
 * lose what they used after the start (fine for long-lived servers and
 * pooled database connections).
 */
export class CpuMeter {
  private readonly startedAt = new Map<number, number>();
  private readonly pids: () => number[];

  constructor(pids: () => number[]) {
    this.pids = pids;
    for (const pid of pids()) {
      const cpu = cpuSeconds(pid);
      if (cpu !== undefined) this.startedAt.set(pid, cpu);
    }
  }

  seconds(): number {
    let used = 0;
    for (const pid of this.pids()) {
      const cpu = cpuSeconds(pid);
      if (cpu !== undefined) used += cpu - (this.startedAt.get(pid) ?? 0);
    }
    return used;
  }
}
