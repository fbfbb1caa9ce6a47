import { CapacityResources } from '@internal/backstage-plugin-desktops-common';
import { DateTime } from 'luxon';
import { MeetingFit } from './capacityPlan';

const plural = (n: number, one: string, many: string) =>
  `${n} ${n === 1 ? one : many}`;

/** 2 → "2 CPUs", 0.5 → "0.5 CPUs", 1 → "1 CPU". */
function cpusText(cpus: number): string {
  return plural(Number(cpus.toFixed(2)), 'CPU', 'CPUs');
}

/** 8000 MiB → "7.8 GiB". */
function memoryText(memoryMiB: number): string {
  return `${Number((memoryMiB / 1024).toFixed(1))} GiB`;
}

/**
 * What the instructor reads when a meeting of the session would not fit,
 * e.g. "CS101's 30 students need 30 desktops on Tue 3 Dec 9:00; this
 * installation fits 12 (2 CPUs, 7.8 GiB) with the other sessions then".
 * `short` are the meetings that do not fit, earliest first; the first is
 * described, the others counted. Null when every meeting fits.
 */
export function capacityWarning(
  short: MeetingFit[],
  allocatable: CapacityResources,
): string | null {
  if (short.length === 0) return null;
  const [first, ...rest] = short;
  const { meeting, available, overlapping } = first;
  const when = DateTime.fromISO(meeting.occurrence.start, { zone: 'utc' })
    .setZone(meeting.timeZone)
    .setLocale('en-US')
    .toFormat('ccc d LLL H:mm');
  const students = plural(meeting.students, 'student', 'students');
  const desktops = plural(meeting.students, 'desktop', 'desktops');
  const need = meeting.students === 1 ? 'needs' : 'need';
  let text =
    `${meeting.courseCode}'s ${students} ${need} ${desktops} on ${when}; ` +
    `this installation fits ${available} (${cpusText(
      allocatable.cpus,
    )}, ${memoryText(allocatable.memoryMiB)})`;
  if (overlapping.length > 0) text += ' with the other sessions then';
  if (rest.length > 0) {
    text += `. ${plural(
      rest.length,
      'later meeting',
      'later meetings',
    )} of it ${rest.length === 1 ? 'does' : 'do'} not fit either`;
  }
  return text;
}
