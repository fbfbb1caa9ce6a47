import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotFoundError,
  ResponseError,
  stringifyError,
} from '@backstage/errors';
import { AccountDeletionPreview } from '@internal/backstage-plugin-accounts-common';
import { SessionStore } from '../store/SessionStore';
import { UserStore } from '../store/UserStore';
import { AccountChangeAnnouncer } from './announceAccountChange';
import { AccountFootprints } from './AccountFootprints';
import { PartlyDeletedError } from './PartlyDeletedError';

/**
 * Deleting an account: desktops (with their homes) and enrolments go, posts
 * and comments stay as "deleted user". The account is disabled first, so it
 * can't act or make anything new while its things are removed, and it is
 * only erased once every other plugin has done its part.
 */
export class AccountDeletion {
  constructor(
    private readonly deps: {
      users: UserStore;
      sessions: SessionStore;
      footprints: AccountFootprints;
      announce: AccountChangeAnnouncer;
      logger: LoggerService;
    },
  ) {}

  async preview(username: string): Promise<AccountDeletionPreview> {
    const { users, footprints } = this.deps;
    const user = await users.get(username);
    if (!user) throw new NotFoundError(`No user named '${username}'`);
    const [courses, desktops] = await Promise.all([
      footprints.courses(username),
      footprints.desktops(username),
    ]);
    const preview: AccountDeletionPreview = {
      username,
      displayName: user.displayName,
      desktops: desktops.desktops,
      enrolments: courses.enrolments,
      posts: courses.posts,
      comments: courses.comments,
      soleInstructorOf: courses.soleInstructorOf,
    };
    const blockedBecause = await this.#blockedBecause(preview);
    return blockedBecause ? { ...preview, blockedBecause } : preview;
  }

  async delete(username: string): Promise<void> {
    const { users, sessions, footprints, announce, logger } = this.deps;
    const preview = await this.preview(username);
    if (preview.blockedBecause) throw new ConflictError(preview.blockedBecause);

    const user = await users.setRoleOrDisabled(username, { disabled: true });
    await sessions.revokeAllForUser(username);
    await announce({
      username,
      userEntityRef: user.userEntityRef,
      change: 'disabled',
    });

    await this.#removeFrom('desktops', () =>
      footprints.removeDesktops(username),
    );
    await this.#removeFrom('courses', () =>
      footprints.removeFromCourses(username),
    );

    await users.delete(username);
    await announce({
      username,
      userEntityRef: user.userEntityRef,
      change: 'deleted',
    });
    logger.info(
      `Deleted account ${username}: ${preview.desktops} desktop(s), ${preview.enrolments} enrolment(s) removed; ` +
        `${preview.posts} post(s) and ${preview.comments} comment(s) kept as "deleted user"`,
    );
  }

  async #blockedBecause(
    preview: AccountDeletionPreview,
  ): Promise<string | undefined> {
    if (preview.soleInstructorOf.length > 0) {
      const courses = preview.soleInstructorOf
        .map(c => `${c.code} (${c.title})`)
        .join(', ');
      return `${preview.username} is the only instructor of ${courses}; add another instructor or archive the course first`;
    }
    const user = await this.deps.users.get(preview.username);
    if (user?.role === 'admin' && !user.disabled) {
      const otherAdmins = (await this.deps.users.list()).filter(
        u => u.role === 'admin' && !u.disabled && u.username !== user.username,
      );
      if (otherAdmins.length === 0) {
        return `${preview.username} is the last enabled admin; promote another admin first`;
      }
    }
    return undefined;
  }

  async #removeFrom(plugin: string, remove: () => Promise<unknown>) {
    try {
      await remove();
    } catch (error) {
      // A refusal the other plugin explains (e.g. it became the only
      // instructor meanwhile) is passed on as it is.
      if (error instanceof ResponseError && error.response.status === 409) {
        throw new ConflictError(
          `${error.body.error.message} (the account is now disabled; deleting it again is safe)`,
        );
      }
      this.deps.logger.error(
        `Deleting an account: ${plugin} could not remove its part: ${stringifyError(
          error,
        )}`,
      );
      throw new PartlyDeletedError(
        `The ${plugin} service could not remove this account's ${plugin}; the account is disabled, ` +
          'and deleting it again is safe once the service is back',
      );
    }
  }
}
