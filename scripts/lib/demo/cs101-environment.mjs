// Publishes CS101's demo environment through Labstage's own API, as the demo
// instructor: an image built offline from the desktop image plus a few course
// files (labstage:image:build's route, no network), then published as
// version 1. Does nothing when CS101 already has an environment, so every
// `scripts/start` after the first leaves it alone.
//
// Usage: node cs101-environment.mjs <backend url>
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const api = process.argv[2];
if (!api) throw new Error('usage: cs101-environment.mjs <backend url>');
const filesDir = join(dirname(fileURLToPath(import.meta.url)), 'cs101-files');

async function signIn(username, password) {
  const signin = await fetch(`${api}/api/auth/accounts/signin`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!signin.ok)
    throw new Error(`signing in as ${username}: ${signin.status}`);
  const cookie = signin.headers
    .getSetCookie()
    .map(c => c.split(';')[0])
    .join('; ');
  const refresh = await fetch(`${api}/api/auth/labstage/refresh`, {
    headers: { Cookie: cookie, 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!refresh.ok) throw new Error(`token for ${username}: ${refresh.status}`);
  return (await refresh.json()).backstageIdentity.token;
}

const token = await signIn('teacher', 'teacher-demo-pass');

async function call(method, path, body) {
  const res = await fetch(`${api}/api${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok)
    throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

const courses = await call('GET', '/courses/courses');
const cs101 = courses.items.find(c => c.code === 'CS101');
if (!cs101) throw new Error('the demo course CS101 is missing');
const { environment } = await call(
  'GET',
  `/desktops/courses/${cs101.id}/environment`,
);
if (environment) {
  console.log(
    `CS101 environment: version ${environment.version} (${environment.imageRef})`,
  );
  process.exit(0);
}

const file = async name => readFile(join(filesDir, name), 'utf8');
const mine = await call('GET', '/desktops/saved-images');
let image = mine.items.find(i => i.name === 'cs101-environment');
if (!image) {
  const { save } = await call('POST', '/desktops/saved-images/build', {
    base: 'linux-desktop',
    name: 'cs101-environment',
    files: [
      {
        path: '/home/student/Desktop/README.txt',
        content: await file('README.txt'),
      },
      {
        path: '/home/student/cs101/week1/hello.sh',
        content: await file('hello.sh'),
        mode: 0o755,
      },
      {
        path: '/home/student/cs101/week1/exercises.md',
        content: await file('exercises.md'),
      },
      { path: '/etc/motd', content: await file('motd') },
    ],
  });
  for (let current = save; ; ) {
    if (current.state === 'failed')
      throw new Error(`building the CS101 image: ${current.error}`);
    if (current.state === 'succeeded') {
      image = current.image;
      break;
    }
    await new Promise(r => setTimeout(r, 500));
    current = (await call('GET', `/desktops/image-saves/${save.id}`)).save;
  }
}
const published = await call(
  'POST',
  `/desktops/courses/${cs101.id}/environment`,
  {
    imageId: image.id,
    description:
      'Week 1: the shell. Your home folder has README.txt on the desktop and the exercises in ~/cs101/week1.',
  },
);
console.log(
  `CS101 environment: published version ${published.environment.version} (${published.environment.imageRef})`,
);
