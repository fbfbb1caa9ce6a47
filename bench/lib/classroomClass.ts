// The class of the classroom benchmark (bench/classroom.ts): students signed
// up into CS101, each with a running CS101 course desktop (real Docker
// desktops, as the runtime makes them), and the commands that change what
// their screens show, run inside the desktops as the student.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { pidsNamed } from './procStats.ts';
import {
  apiUrl,
  demoStudent,
  LabstageSession,
  type DesktopJson,
} from './platform.ts';

const run = promisify(execFile);

export type Seat = {
  username: string;
  session: LabstageSession;
  desktopId: string;
};

/** The id of the course whose code is `code`, as `teacher` lists them. */
export async function courseIdOf(
  teacher: LabstageSession,
  code: string,
): Promise<string> {
  const res = await fetch(`${apiUrl}/api/courses/courses`, {
    headers: { Authorization: `Bearer ${teacher.token}` },
  });
  if (!res.ok) throw new Error(`listing courses: ${res.status}`);
  const { items } = (await res.json()) as {
    items: Array<{ id: string; code: string }>;
  };
  const course = items.find(c => c.code === code);
  if (!course) throw new Error(`the teacher has no course ${code}`);
  return course.id;
}

/**
 * Signs each student up (or in) and launches their course desktop, `batch`
 * at a time (password hashing and container starts share two cores), until
 * every desktop runs. Adds each to `seats` once launched, so a failure part
 * way leaves the caller what to remove.
 */
export async function launchClass(
  courseId: string,
  usernames: string[],
  seats: Seat[],
  batch = 5,
): Promise<void> {
  for (let i = 0; i < usernames.length; i += batch) {
    await Promise.all(
      usernames.slice(i, i + batch).map(async username => {
        const session = new LabstageSession(
          (await demoStudent(username)).token,
        );
        const desktop = await session.call<DesktopJson>(
          'POST',
          `/courses/${courseId}/environment/launch`,
        );
        seats.push({ username, session, desktopId: desktop.id });
        await session.waitForState(desktop.id, 'running', 180_000);
      }),
    );
  }
}

/** Runs a shell script in a desktop as the student, on its display. */
export async function inDesktop(desktopId: string, script: string) {
  await run('docker', [
    'exec',
    '-u',
    'student',
    '-e',
    'DISPLAY=:1',
    `labstage-desktop-${desktopId}`,
    'bash',
    '-c',
    script,
  ]);
}

/** A terminal printing ten lines a second, so its window keeps scrolling. */
export function startScrolling(desktopId: string) {
  return inDesktop(
    desktopId,
    `setsid -f lxterminal --geometry=100x30 -e 'sh -c "while true; do date +%T.%N; sleep 0.1; done"' >/dev/null 2>&1`,
  );
}

/** Paints the desktop's background (the root window) one colour. */
export function paintBackground(
  desktopId: string,
  rgb: [number, number, number],
) {
  const hex = rgb.map(c => c.toString(16).padStart(2, '0')).join('');
  return inDesktop(desktopId, `xsetroot -solid '#${hex}'`);
}

/** Removes the class's desktops (errors ignored: it is the cleanup). */
export async function removeClass(seats: Seat[]) {
  await Promise.all(
    seats.map(s => s.session.remove(s.desktopId).catch(() => undefined)),
  );
}

/** The pids of the class's X servers (Xvnc), found by their containers' cgroups. */
export async function xvncPids(seats: Seat[]): Promise<number[]> {
  const { stdout } = await run('docker', [
    'inspect',
    '-f',
    '{{.Id}}',
    ...seats.map(s => `labstage-desktop-${s.desktopId}`),
  ]);
  const ids = stdout.trim().split('\n');
  return pidsNamed('Xvnc').filter(pid => {
    try {
      const cgroup = readFileSync(`/proc/${pid}/cgroup`, 'utf8');
      return ids.some(id => cgroup.includes(id));
    } catch {
      return false;
    }
  });
}
