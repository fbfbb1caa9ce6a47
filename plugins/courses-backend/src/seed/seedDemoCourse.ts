import { LoggerService } from '@backstage/backend-plugin-api';
import { Readable } from 'node:stream';
import { MaterialStorage } from '../materials/MaterialStorage';
import { createCoursesStore, CoursesStore } from '../store';
import { newId } from '../store/ids';

export const DEMO_SEED_NAME = 'demo-cs101';
export const DEMO_JOIN_CODE = 'CS101-DEMO';

const DESCRIPTION = `# Introduction to Linux

Welcome! In this course you work on **a real Linux desktop in your browser**.

- Week 1: the shell, files and directories
- Week 2: permissions, users and processes
- Week 3: text tools: \`grep\`, \`sed\`, \`awk\`
- Week 4: shell scripting

Your Linux desktop is under **My desktops** in the sidebar.
`;

const SYLLABUS = `CS101 Introduction to Linux - Spring 2027
Instructor: teacher
Grading: weekly labs 60%, final project 40%
Labs are done in the course desktop; your home folder is kept between sessions.
`;

/**
 * Creates the demo course once (recorded in `course_seeds`, so restarts never
 * duplicate it, even if its join code was changed meanwhile).
 */
export async function seedDemoCourse(options: {
  store: CoursesStore;
  storage: MaterialStorage;
  logger: LoggerService;
  /** The installation's `courses.defaultTimeZone`. */
  timeZone: string;
}): Promise<boolean> {
  const { store, storage, logger, timeZone } = options;
  if (await store.seeds.isApplied(DEMO_SEED_NAME)) {
    return false;
  }
  const syllabus = Buffer.from(SYLLABUS, 'utf8');
  const storageKey = newId();
  await storage.put(storageKey, Readable.from([syllabus]), 'text/plain');

  let applied = false;
  try {
    applied = await store.seeds.applyOnce(DEMO_SEED_NAME, async trx => {
      const tx = createCoursesStore(trx);
      const course = await tx.courses.create(
        {
          title: 'Introduction to Linux',
          code: 'CS101',
          term: 'Spring 2027',
          description: DESCRIPTION,
          timeZone,
          instructor: 'teacher',
          joinCode: DEMO_JOIN_CODE,
        },
        trx,
      );
      await tx.enrolments.enrolStudent(course.id, 'alice');
      await tx.enrolments.enrolStudent(course.id, 'bob');
      await tx.posts.create({
        courseId: course.id,
        board: 'announcements',
        title: 'Welcome to CS101',
        body: 'Welcome, everyone! Launch your desktop from the course page and try `ls -la` in a terminal before our first session.',
        authorUsername: 'teacher',
      });
      await tx.posts.create({
        courseId: course.id,
        board: 'announcements',
        title: 'Lab 1 is open',
        body: 'Lab 1 (the shell, files and directories) is open. The syllabus is under **Materials**.',
        authorUsername: 'teacher',
      });
      const question = await tx.posts.create({
        courseId: course.id,
        board: 'qa',
        title: 'How do I see hidden files?',
        body: 'In Lab 1 `ls` does not show files starting with a dot. How do I list them?',
        authorUsername: 'alice',
      });
      await tx.comments.create({
        postId: question.id,
        body: 'Use `ls -a` (or `ls -la` for details). Files starting with `.` are hidden by convention.',
        authorUsername: 'teacher',
      });
      await tx.materials.insert(
        {
          id: newId(),
          courseId: course.id,
          filename: 'syllabus.txt',
          storageKey,
          size: syllabus.length,
          contentType: 'text/plain',
          uploadedBy: 'teacher',
        },
        trx,
      );
    });
  } finally {
    if (!applied) {
      await storage.delete(storageKey).catch(() => undefined);
    }
  }
  if (applied) {
    logger.info('Seeded the demo course CS101 (join code CS101-DEMO)');
  }
  return applied;
}
