import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  LabstageRole,
  SignInRequest,
  SignUpRequest,
  User,
} from '@internal/backstage-plugin-accounts-common';
import { SessionStore } from '../store/SessionStore';
import { StoredAccount, UserStore } from '../store/UserStore';
import { AccountChangeAnnouncer } from './announceAccountChange';
import { CoursesEnrolmentClient } from './CoursesEnrolmentClient';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { PasswordChangeRateLimiter } from './PasswordChangeRateLimiter';
import { ReservedAttempt } from './reservePoint';
import { SignInRateLimiter } from './SignInRateLimiter';

export type IssuedSession = { token: string; expiresAt: Date };

const BAD_CREDENTIALS = 'Incorrect username or password';

/** The account rules; HTTP concerns stay in the routers. */
export class AccountsService {
  constructor(
    private readonly deps: {
      users: UserStore;
      sessions: SessionStore;
      signInLimiter: SignInRateLimiter;
      passwordChangeLimiter: PasswordChangeRateLimiter;
      courses: CoursesEnrolmentClient;
      announce: AccountChangeAnnouncer;
      logger: LoggerService;
    },
  ) {}

  async signUp(
    request: SignUpRequest,
  ): Promise<{ user: User; session: IssuedSession }> {
    const { users, sessions, courses, logger } = this.deps;
    // Checked before anything is written, so a typo in the code doesn't
    // leave behind an account that isn't in the course.
    if (request.joinCode) {
      await courses.assertJoinCodeValid(request.joinCode);
    }
    // Without a demo seed, the very first account must be able to manage
    // the others; later sign-ups are always students.
    const isFirstAccount = await users.isEmpty();
    const user = await users.create({
      username: request.username,
      displayName: request.displayName,
      email: request.email,
      passwordHash: await hashPassword(request.password),
      role: isFirstAccount ? 'admin' : 'student',
    });
    if (isFirstAccount) {
      logger.warn(`First account '${user.username}' was made an admin`);
    }
    if (request.joinCode) {
      try {
        await courses.enrol(request.joinCode, user.username);
      } catch (error) {
        // The account exists by now; the user can still join from the app.
        logger.error(
          `Enrolment of new user '${user.username}' failed: ${error}`,
        );
      }
    }
    return { user, session: await sessions.create(user.username) };
  }

  async signIn(
    request: SignInRequest,
    clientIp: string,
  ): Promise<{ user: User; session: IssuedSession }> {
    const { sessions, signInLimiter } = this.deps;
    const username = request.username.trim().toLocaleLowerCase('en-US');
    const attempt = await signInLimiter.begin(username, clientIp);
    const account = await abandonOnError(attempt, () =>
      this.#accountIfPasswordMatches(username, request.password),
    );
    if (!account) {
      throw new AuthenticationError(BAD_CREDENTIALS);
    }
    await attempt.succeeded();
    if (account.user.disabled) {
      throw new NotAllowedError('This account is disabled');
    }
    return {
      user: account.user,
      session: await sessions.create(username),
    };
  }

  async #accountIfPasswordMatches(
    username: string,
    password: string,
  ): Promise<StoredAccount | undefined> {
    const account = await this.deps.users.getWithPasswordHash(username);
    if (!account) {
      await verifyAgainstDummy(password);
      return undefined;
    }
    return (await verifyPassword(account.passwordHash, password))
      ? account
      : undefined;
  }

  /** The enabled user behind a session token, or undefined. */
  async resolveSession(token: string): Promise<User | undefined> {
    const session = await this.deps.sessions.get(token);
    if (!session) {
      return undefined;
    }
    const user = await this.deps.users.get(session.username);
    return user && !user.disabled ? user : undefined;
  }

  async signOut(token: string): Promise<void> {
    await this.deps.sessions.revoke(token);
  }

  /** Other sessions of the user are revoked; `currentToken`'s is kept. */
  async changePassword(
    username: string,
    currentPassword: string,
    newPassword: string,
    currentToken?: string,
  ): Promise<void> {
    await this.verifyCurrentPassword(username, currentPassword);
    await this.deps.users.setPasswordHash(
      username,
      await hashPassword(newPassword),
    );
    await this.deps.sessions.revokeAllForUser(username, currentToken);
  }

  /**
   * Confirms a signed-in user's password before a sensitive change (new
   * password, deleting the account). Throttled per account, counted before
   * the check: a stolen session must not become a password oracle.
   */
  async verifyCurrentPassword(
    username: string,
    password: string,
  ): Promise<void> {
    const account = await this.deps.users.getWithPasswordHash(username);
    if (!account) {
      throw new NotFoundError(`No user named '${username}'`);
    }
    if (account.user.disabled) {
      throw new NotAllowedError('This account is disabled');
    }
    const attempt = await this.deps.passwordChangeLimiter.begin(username);
    if (!(await verifyPassword(account.passwordHash, password))) {
      throw new AuthenticationError('Current password is incorrect');
    }
    await attempt.succeeded();
  }

  async resetPassword(username: string, newPassword: string): Promise<void> {
    await this.deps.users.setPasswordHash(
      username,
      await hashPassword(newPassword),
    );
    await this.deps.sessions.revokeAllForUser(username);
  }

  async setRole(
    actor: string,
    username: string,
    role: LabstageRole,
  ): Promise<User> {
    if (actor === username && role !== 'admin') {
      throw new InputError('You cannot remove your own admin role');
    }
    const user = await this.deps.users.setRoleOrDisabled(username, { role });
    await this.deps.announce({
      username: user.username,
      userEntityRef: user.userEntityRef,
      change: 'role',
      role: user.role,
    });
    return user;
  }

  async setDisabled(
    actor: string,
    username: string,
    disabled: boolean,
  ): Promise<User> {
    if (actor === username && disabled) {
      throw new InputError('You cannot disable your own account');
    }
    const user = await this.deps.users.setRoleOrDisabled(username, {
      disabled,
    });
    if (disabled) {
      await this.deps.sessions.revokeAllForUser(username);
    }
    await this.deps.announce({
      username: user.username,
      userEntityRef: user.userEntityRef,
      change: disabled ? 'disabled' : 'enabled',
    });
    return user;
  }
}

/** A failure of our own (e.g. the database) must not count as a wrong guess. */
async function abandonOnError<T>(
  attempt: ReservedAttempt,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    await attempt.abandoned();
    throw error;
  }
}
