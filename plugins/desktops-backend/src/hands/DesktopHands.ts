import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  userEntityRefFor,
  usernameFromEntityRef,
} from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { CourseMembership } from '@internal/backstage-plugin-courses-common';
import {
  ClassroomSignal,
  classroomSignalChannel,
  DesktopHand,
} from '@internal/backstage-plugin-desktops-common';
import { nowIso } from '@internal/backstage-plugin-labstage-node';
import { DesktopRecord } from '../store';
import { HandStore } from './HandStore';

/** Who teaches a course, read from the courses plugin. */
export interface HandCourses {
  /** Every course the user is in, with its code, title and members. */
  coursesOf(username: string): Promise<CourseMembership[]>;
}

/**
 * Raised hands of course desktops. Raising tells the course's instructors
 * at once (a signal on the course's classroom channel, which the grid
 * listens to) and leaves them a notification ("A hand is raised in CS101");
 * raising and lowering both reach the owner's viewer on the same channel.
 * Telling is best effort: the hand is stored first, and the grid reads it
 * from there anyway.
 */
export class DesktopHands {
  constructor(
    private readonly deps: {
      store: HandStore;
      courses: HandCourses;
      signals: SignalsService;
      notifications: NotificationService;
      directory: AccountsDirectory;
      logger: LoggerService;
    },
  ) {}

  get(desktopId: string): Promise<DesktopHand | undefined> {
    return this.deps.store.get(desktopId);
  }

  forDesktops(desktopIds: string[]): Promise<Map<string, DesktopHand>> {
    return this.deps.store.forDesktops(desktopIds);
  }

  /** Raises the desktop's hand (idempotent: a raised hand stays as it was). */
  async raise(desktop: DesktopRecord, by: string): Promise<DesktopHand> {
    const courseId = desktop.courseId;
    if (!courseId) {
      throw new ConflictError(
        'This desktop belongs to no course, so there is no instructor to raise a hand to',
      );
    }
    const { hand, raised } = await this.deps.store.raise(
      desktop.id,
      by,
      nowIso(),
    );
    if (raised) {
      const course = await this.#course(desktop.owner, courseId);
      await Promise.all([
        this.#signal(desktop, courseId, course, hand, by),
        this.#notify(desktop, course, hand),
      ]);
    }
    return hand;
  }

  /** Lowers the desktop's hand; nothing happens if it is down. */
  async lower(desktop: DesktopRecord, by: string): Promise<void> {
    if (!(await this.deps.store.lower(desktop.id))) return;
    if (!desktop.courseId) return;
    const course = await this.#course(desktop.owner, desktop.courseId);
    await this.#signal(desktop, desktop.courseId, course, null, by);
  }

  /** The desktop's course as its owner is enrolled in it; undefined if unknown. */
  async #course(
    owner: string,
    courseId: string,
  ): Promise<CourseMembership | undefined> {
    const username = usernameFromEntityRef(owner);
    if (!username) return undefined;
    try {
      const courses = await this.deps.courses.coursesOf(username);
      return courses.find(c => c.courseId === courseId);
    } catch (error) {
      this.deps.logger.warn(
        `Reading the instructors of course ${courseId} failed, so a raised hand reaches them only through the classroom grid: ${error}`,
      );
      return undefined;
    }
  }

  async #signal(
    desktop: DesktopRecord,
    courseId: string,
    course: CourseMembership | undefined,
    hand: DesktopHand | null,
    changedBy: string,
  ): Promise<void> {
    const instructors = (course?.instructors ?? []).map(userEntityRefFor);
    try {
      await this.deps.signals.publish<ClassroomSignal>({
        recipients: {
          type: 'user',
          entityRef: [...new Set([...instructors, desktop.owner])],
        },
        channel: classroomSignalChannel(courseId),
        message: {
          type: 'hand-changed',
          courseId,
          desktopId: desktop.id,
          owner: desktop.owner,
          hand,
          changedBy,
        },
      });
    } catch (error) {
      this.deps.logger.warn(`Publishing a raised hand failed: ${error}`);
    }
  }

  async #notify(
    desktop: DesktopRecord,
    course: CourseMembership | undefined,
    hand: DesktopHand,
  ): Promise<void> {
    if (!course || course.instructors.length === 0) return;
    try {
      const owner = await this.deps.directory.getUserByRef(desktop.owner);
      const who = owner?.displayName ?? usernameFromEntityRef(desktop.owner);
      await this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: course.instructors.map(userEntityRefFor),
        },
        payload: {
          title: `A hand is raised in ${course.code}`,
          description: `${who} asks for help in "${desktop.name}" (${course.title}).`,
          link: `/courses/${course.courseId}/classroom`,
          topic: 'Raised hands',
          // One notification per desktop: raising again refreshes it.
          scope: `desktop-hand:${hand.desktopId}`,
        },
      });
    } catch (error) {
      this.deps.logger.warn(
        `Notifying the instructors of ${course.code} of a raised hand failed: ${error}`,
      );
    }
  }
}
