// Change → thumbnail delay for the classroom benchmark (bench/classroom.ts):
// while the grid polls, desktops get their background painted a new colour
// at known times, one after another; a change counts as seen when the grid
// first receives a picture of that desktop mostly in the new colour.
import sharp from 'sharp';
import { paintBackground, type Seat } from './classroomClass.ts';
import type { ClassroomGrid, Picture } from './classroomGrid.ts';

type Rgb = [number, number, number];
/** Far from each other and from the session's own background (#27445f). */
const palette: Rgb[] = [
  [220, 40, 40],
  [40, 200, 80],
  [230, 200, 30],
];

/**
 * `startedAt`: the docker exec began; `paintedAt`: it returned, so the X
 * server had the new background (the clock starts there).
 */
type Pending = { colour: Rgb; startedAt: number; paintedAt?: number };

export type DelayResult = {
  changes: number;
  /** Painted → the grid had the picture, ms, one per change seen. */
  seenMs: number[];
  /** Painted → the server captured that picture (its reader's part), ms. */
  capturedMs: number[];
  /** Changes the grid never showed within the wait. */
  missed: number;
};

/** Share of a picture's pixels within 40 of `rgb` on every channel. */
async function shareOf(jpeg: Buffer, rgb: Rgb): Promise<number> {
  const { data, info } = await sharp(jpeg)
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let near = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (
      Math.abs(data[i] - rgb[0]) <= 40 &&
      Math.abs(data[i + 1] - rgb[1]) <= 40 &&
      Math.abs(data[i + 2] - rgb[2]) <= 40
    )
      near += 1;
  }
  return near / (data.length / info.channels);
}

/**
 * Makes `changes` changes, 0.5 to 1.5 × `spacingMs` apart (at random,
 * so they do not line up with the grid's 3 s polls), going round
 * `seats`; waits up to `waitMs` after the last for the grid to show it.
 */
export async function measureDelay(
  grid: ClassroomGrid,
  seats: Seat[],
  pathOf: (seat: Seat) => string,
  changes: number,
  spacingMs = 1000,
  waitMs = 20_000,
): Promise<DelayResult> {
  const pending = new Map<string, Pending>();
  const result: DelayResult = {
    changes,
    seenMs: [],
    capturedMs: [],
    missed: 0,
  };
  const onPicture = async (p: Picture) => {
    const change = pending.get(p.path);
    if (!change || p.capturedAt < change.startedAt) return;
    if ((await shareOf(p.body, change.colour)) < 0.3) return;
    if (pending.get(p.path) !== change) return; // seen by an earlier answer
    pending.delete(p.path);
    const paintedAt = change.paintedAt ?? change.startedAt;
    result.seenMs.push(p.receivedAt - paintedAt);
    result.capturedMs.push(Math.max(0, p.capturedAt - paintedAt));
  };
  grid.onPicture = p => void onPicture(p);
  try {
    for (let i = 0; i < changes; i++) {
      const seat = seats[i % seats.length];
      const colour = palette[Math.floor(i / seats.length) % palette.length];
      const path = pathOf(seat);
      const change: Pending = { colour, startedAt: Date.now() };
      pending.set(path, change);
      await paintBackground(seat.desktopId, colour);
      change.paintedAt = Date.now();
      await new Promise(r => setTimeout(r, spacingMs * (0.5 + Math.random())));
    }
    const deadline = Date.now() + waitMs;
    while (pending.size > 0 && Date.now() < deadline)
      await new Promise(r => setTimeout(r, 200));
    result.missed = pending.size;
    return result;
  } finally {
    grid.onPicture = undefined;
  }
}
