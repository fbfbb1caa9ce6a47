import type {
  ClassroomSeat,
  ClassroomStateFilter,
  DesktopState,
} from '@internal/backstage-plugin-desktops-common';

export type SeatSort = 'hand' | 'name' | 'state' | 'idle';

/** The State filter's choices, in the order a teacher scans them. */
export const STATE_FILTERS: Array<{
  value: ClassroomStateFilter | 'all';
  label: string;
}> = [
  { value: 'all', label: 'All students' },
  { value: 'running', label: 'Running' },
  { value: 'starting', label: 'Starting' },
  { value: 'pending', label: 'Pending' },
  { value: 'stopping', label: 'Stopping' },
  { value: 'stopped', label: 'Stopped' },
  { value: 'error', label: 'Error' },
  { value: 'none', label: 'No desktop yet' },
];

const STATE_ORDER: Array<DesktopState | 'none'> = [
  'error',
  'running',
  'starting',
  'pending',
  'stopping',
  'stopped',
  'none',
];

const byName = (a: ClassroomSeat, b: ClassroomSeat) =>
  a.displayName.localeCompare(b.displayName) ||
  a.username.localeCompare(b.username);

/** Oldest raised hand first: who waited longest is helped first. */
const byHand = (a: ClassroomSeat, b: ClassroomSeat) => {
  if (a.handRaisedAt && b.handRaisedAt) {
    return Date.parse(a.handRaisedAt) - Date.parse(b.handRaisedAt);
  }
  return Number(Boolean(b.handRaisedAt)) - Number(Boolean(a.handRaisedAt));
};

const byState = (a: ClassroomSeat, b: ClassroomSeat) =>
  STATE_ORDER.indexOf(a.desktop?.state ?? 'none') -
  STATE_ORDER.indexOf(b.desktop?.state ?? 'none');

const byIdle = (a: ClassroomSeat, b: ClassroomSeat) =>
  (b.idleMinutes ?? -1) - (a.idleMinutes ?? -1);

/** A sorted copy; ties go by name. */
export function sortSeats(
  seats: ClassroomSeat[],
  sort: SeatSort,
): ClassroomSeat[] {
  const first = { hand: byHand, name: byName, state: byState, idle: byIdle }[
    sort
  ];
  return [...seats].sort((a, b) => first(a, b) || byName(a, b));
}
