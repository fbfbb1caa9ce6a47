// The demo's collaboration story, through Labstage's own API: alice and bob
// each launch CS101's environment, alice shares hers with bob as viewer, and
// bob raises his hand, so right after `scripts/start` bob finds alice's
// desktop under "Shared with me" and the teacher's Classroom tab shows two
// live desktops, one with a raised hand. Only on the first start (alice has
// no CS101 desktop yet): later starts leave what people changed alone.
//
// Usage: node collaboration.mjs <backend url>
import { findCs101, signInAs } from './labstage-api.mjs';

const api = process.argv[2];
if (!api) throw new Error('usage: collaboration.mjs <backend url>');

const alice = await signInAs(api, 'alice', 'alice-demo-pass');
const bob = await signInAs(api, 'bob', 'bob-demo-pass');
const cs101 = await findCs101(alice);

const { items } = await alice('GET', '/desktops/desktops');
if (items.some(d => d.courseId === cs101.id)) {
  console.log('CS101 collaboration demo: already set up on an earlier start');
  process.exit(0);
}

const launch = `/desktops/courses/${cs101.id}/environment/launch`;
const alices = await alice('POST', launch);
const bobs = await bob('POST', launch);
await alice(
  'PUT',
  `/desktops/desktops/${alices.id}/shares/${encodeURIComponent(
    'user:default/bob',
  )}`,
  { role: 'viewer' },
);
await bob('POST', `/desktops/desktops/${bobs.id}/hand`);
console.log(
  "CS101 collaboration demo: alice's desktop shared with bob (viewer); bob's hand raised",
);
