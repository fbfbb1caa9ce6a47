import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { CourseRecord, CoursesStore, EnrolmentRecord } from '../store';

/**
 * Who is in a course: joining with a code, leaving, instructors added and
 * members removed. A course always keeps at least one instructor.
 */
export class RosterService {
  constructor(
    private readonly deps: {
      store: CoursesStore;
      directory: AccountsDirectory;
    },
  ) {}

  /** The course a join code opens (404 for an unknown or disabled code). */
  async courseForJoinCode(code: string): Promise<CourseRecord> {
    const course = await this.deps.store.courses.findByJoinCode(code);
    if (!course) {
      throw new NotFoundError('That join code is not valid');
    }
    return course;
  }

  /** Enrols the user as a student unless already enrolled (in any role). */
  async joinWithCode(
    code: string,
    username: string,
  ): Promise<{
    course: CourseRecord;
    enrolment: EnrolmentRecord;
    created: boolean;
  }> {
    const course = await this.courseForJoinCode(code);
    const { enrolment, created } =
      await this.deps.store.enrolments.enrolStudent(course.id, username);
    return { course, enrolment, created };
  }

  /** Makes an existing, enabled account an instructor of the course. */
  async addInstructor(
    courseId: string,
    username: string,
  ): Promise<{ enrolment: EnrolmentRecord; displayName: string }> {
    const user = await this.deps.directory.getUser(username);
    if (!user) {
      throw new NotFoundError(`No account named ${username}`);
    }
    if (user.disabled) {
      throw new InputError(`The account ${username} is disabled`);
    }
    const enrolment = await this.deps.store.enrolments.setInstructor(
      courseId,
      username,
    );
    return { enrolment, displayName: user.displayName || username };
  }

  /** The caller leaves the course. */
  async leave(courseId: string, username: string): Promise<void> {
    await this.removeMember(courseId, username, {
      notEnrolled: 'You are not enrolled in this course',
      lastInstructor:
        'The last instructor cannot leave the course; add another instructor first',
    });
  }

  /** Someone managing the roster removes a member. */
  async remove(courseId: string, username: string): Promise<void> {
    await this.removeMember(courseId, username, {
      notEnrolled: `${username} is not enrolled in this course`,
      lastInstructor: 'Cannot remove the last instructor of a course',
    });
  }

  /** 404 if not enrolled, 409 for the last instructor; checked atomically. */
  private async removeMember(
    courseId: string,
    username: string,
    messages: { notEnrolled: string; lastInstructor: string },
  ): Promise<void> {
    const outcome = await this.deps.store.enrolments.removeUnlessLastInstructor(
      courseId,
      username,
    );
    if (outcome === 'not-enrolled') {
      throw new NotFoundError(messages.notEnrolled);
    }
    if (outcome === 'last-instructor') {
      throw new ConflictError(messages.lastInstructor);
    }
  }
}
