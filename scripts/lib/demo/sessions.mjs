// The demo's class sessions, through Labstage's own API as the teacher, so
// CS101's Sessions tab shows a real schedule: a weekly lab on Tuesdays and
// Thursdays at 9:00 (first start only), and on every start a meeting today
// if CS101 has none today: a one-off "Lab practice" from the next quarter
// hour at least 20 minutes away, so its warm-up (10 minutes before) starts
// alice's and bob's desktops while you watch.
//
// Usage: node sessions.mjs <backend url>
import { DateTime } from 'luxon';
import { findCs101, signInAs } from './labstage-api.mjs';

const api = process.argv[2];
if (!api) throw new Error('usage: sessions.mjs <backend url>');

const teacher = await signInAs(api, 'teacher', 'teacher-demo-pass');
const cs101 = await findCs101(teacher);
const base = `/desktops/courses/${cs101.id}/sessions`;
const zone = cs101.timeZone ?? 'UTC';
const now = DateTime.now().setZone(zone);
const today = now.toISODate();

const { items } = await teacher('GET', base);
if (!items.some(s => s.title === 'Weekly lab')) {
  await teacher('POST', base, {
    title: 'Weekly lab',
    kind: 'weekly',
    startDate: today,
    startTime: '09:00',
    durationMinutes: 90,
    weekdays: [2, 4],
  });
  console.log('CS101 sessions demo: weekly lab on Tue and Thu at 9:00');
}

const { items: meetings } = await teacher(
  'GET',
  `${base}/occurrences?from=${encodeURIComponent(
    now.startOf('day').toISO(),
  )}&to=${encodeURIComponent(now.endOf('day').toISO())}`,
);
if (meetings.length > 0) {
  console.log(`CS101 sessions demo: CS101 already meets today (${today})`);
  process.exit(0);
}
// The next quarter hour at least 20 minutes away; late in the evening that
// would be tomorrow, so then the next 5 minutes.
let start = now.plus({ minutes: 20 });
start = start.set({
  minute: Math.ceil(start.minute / 15) * 15,
  second: 0,
  millisecond: 0,
});
if (start.toISODate() !== today) {
  start = now.plus({ minutes: 5 - (now.minute % 5) }).startOf('minute');
}
await teacher('POST', base, {
  title: 'Lab practice',
  kind: 'once',
  startDate: start.toISODate(),
  startTime: start.toFormat('HH:mm'),
  durationMinutes: 60,
});
console.log(
  `CS101 sessions demo: "Lab practice" today at ${start.toFormat(
    'HH:mm',
  )} (${zone}); warm-up from ${start.minus({ minutes: 10 }).toFormat('HH:mm')}`,
);
