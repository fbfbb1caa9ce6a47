import { ClassOccurrence } from '@internal/backstage-plugin-desktops-common';
import { desktopsThatFit, fitOf, PlannedMeeting } from './capacityPlan';
import { capacityWarning } from './capacityWarning';

const small = { cpus: 1, memoryMiB: 2048 };
const machine = { cpus: 8, memoryMiB: 32768 };

/** A meeting whose desktops run from `from` to `to` (UTC hours of 1 Dec 2026). */
function meeting(
  id: string,
  from: number,
  to: number,
  students: number,
  perDesktop = small,
  courseId = `course-${id}`,
): PlannedMeeting {
  const at = (hour: number) =>
    new Date(
      Date.UTC(2026, 11, 1, Math.floor(hour), (hour % 1) * 60),
    ).toISOString();
  const occurrence: ClassOccurrence = {
    sessionId: id,
    courseId,
    title: `Session ${id}`,
    date: '2026-12-01',
    warmUpAt: at(from),
    start: at(from + 0.25),
    end: at(to - 0.25),
    stopAt: at(to),
  };
  return {
    occurrence,
    courseCode: id.toUpperCase(),
    timeZone: 'Europe/Berlin',
    students,
    perDesktop,
  };
}

describe('desktopsThatFit', () => {
  it('is the whole number of desktops the scarcer resource allows', () => {
    expect(desktopsThatFit({ cpus: 8, memoryMiB: 32768 }, small)).toBe(8);
    expect(desktopsThatFit({ cpus: 8, memoryMiB: 7000 }, small)).toBe(3);
    expect(desktopsThatFit({ cpus: 2.5, memoryMiB: 32768 }, small)).toBe(2);
    // 0.3 - 0.1 * 3 is not quite 0 in floating point.
    expect(
      desktopsThatFit(
        { cpus: 0.9 - 0.1 * 3, memoryMiB: 9999 },
        {
          cpus: 0.1,
          memoryMiB: 1,
        },
      ),
    ).toBe(6);
    expect(desktopsThatFit({ cpus: -2, memoryMiB: 1000 }, small)).toBe(0);
  });
});

describe('fitOf', () => {
  it('fits a meeting alone when its students fit the machine', () => {
    const a = meeting('a', 9, 11, 8);
    expect(fitOf(a, [a], machine)).toMatchObject({
      available: 8,
      fits: true,
      shortBy: 0,
      overlapping: [],
    });
    const b = meeting('b', 9, 11, 9);
    expect(fitOf(b, [b], machine)).toMatchObject({ fits: false, shortBy: 1 });
  });

  it('adds overlapping meetings up, at the busiest moment of the meeting', () => {
    const a = meeting('a', 9, 11, 5);
    const b = meeting('b', 10, 12, 2);
    const c = meeting('c', 10.5, 13, 3);
    const all = [a, b, c];
    // a's busiest moment is 10:30, when b and c run too: 8 - 2 - 3 = 3 left.
    expect(fitOf(a, all, machine)).toMatchObject({
      available: 3,
      fits: false,
      shortBy: 2,
      overlapping: [b, c],
    });
    // c at 10:30 sees a (5) and b (2): 1 left for its 3.
    expect(fitOf(c, all, machine)).toMatchObject({ available: 1, shortBy: 2 });
  });

  it('does not count meetings that have ended or not begun', () => {
    const before = meeting('before', 7, 9, 8);
    const a = meeting('a', 9, 11, 8);
    const after = meeting('after', 11, 12, 8);
    expect(fitOf(a, [before, a, after], machine)).toMatchObject({
      fits: true,
      overlapping: [],
    });
  });

  it("counts a course's students once when two of its meetings overlap: one desktop each", () => {
    const lab = meeting('lab', 9, 11, 6, small, 'course-cs');
    const extra = meeting('extra', 10, 12, 6, small, 'course-cs');
    const other = meeting('ma', 10, 12, 2);
    // cs: 6 desktops however many of its meetings run; ma 2: 8 in all.
    expect(fitOf(lab, [lab, extra, other], machine)).toMatchObject({
      available: 6,
      fits: true,
      overlapping: [other],
    });
    expect(fitOf(other, [lab, extra, other], machine)).toMatchObject({
      available: 2,
      fits: true,
    });
  });

  it("counts each course's own desktop size", () => {
    const big = { cpus: 2, memoryMiB: 8192 };
    const a = meeting('a', 9, 11, 2, big);
    const b = meeting('b', 9, 11, 4);
    // b takes 4 CPUs and 8 GiB; 4 CPUs and 24 GiB are left: 2 of a's fit.
    expect(fitOf(a, [a, b], machine)).toMatchObject({
      available: 2,
      fits: true,
    });
  });
});

describe('capacityWarning', () => {
  it('is null when everything fits', () => {
    expect(capacityWarning([], machine)).toBeNull();
  });

  it("says who needs how many desktops when, in the course's zone, and what fits", () => {
    const a = meeting('cs101', 8, 10, 30);
    const b = meeting('ma201', 8, 10, 4);
    const fit = fitOf(a, [a, b], { cpus: 16, memoryMiB: 8000 * 4 });
    // 9:15 Berlin is 8:15 UTC.
    expect(capacityWarning([fit], { cpus: 16, memoryMiB: 8000 * 4 })).toBe(
      "CS101's 30 students need 30 desktops on Tue 1 Dec 9:15; this installation fits 11 (16 CPUs, 31.3 GiB) with the other sessions then",
    );
    const alone = fitOf(meeting('solo', 8, 10, 1), [], {
      cpus: 0.5,
      memoryMiB: 7987,
    });
    expect(
      capacityWarning([alone, alone, alone], { cpus: 0.5, memoryMiB: 7987 }),
    ).toBe(
      "SOLO's 1 student needs 1 desktop on Tue 1 Dec 9:15; this installation fits 0 (0.5 CPUs, 7.8 GiB). 2 later meetings of it do not fit either",
    );
  });
});
