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
import { findCs101, signInAs } from './labstage-api.mjs';

const api = process.argv[2];
if (!api) throw new Error('usage: cs101-environment.mjs <backend url>');
const filesDir = join(dirname(fileURLToPath(import.meta.url)), 'cs101-files');

const call = await signInAs(api, 'teacher', 'teacher-demo-pass');
const cs101 = await findCs101(call);
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
