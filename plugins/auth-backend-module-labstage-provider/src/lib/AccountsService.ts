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
import { SessionStore } from '../database/SessionStore';
import { UserStore } from '../database/UserStore';
import { CoursesEnrolmentClient } from './CoursesEnrolmentClient';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './passwords';
import { SignInRateLimiter } from './SignInRateLimiter';

export type IssuedSession = { token: string; expiresAt: Date };

const BAD_CREDENTIALS = 'Incorrect username or password';

/** The account rules; HTTP concerns stay in the routers. */
export class AccountsService {
  constructor(
    private readonly deps: {
      users: UserStore;
      sessions: SessionStore;
      limiter: SignInRateLimiter;
      courses: CoursesEnrolmentClient;
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
    const { users, sessions, limiter } = this.deps;
    const username = request.username.trim().toLocaleLowerCase('en-US');
    await limiter.assertAllowed(username, clientIp);
    const account = await users.getWithPasswordHash(username);
    if (!account) {
      await verifyAgainstDummy(request.password);
      await limiter.recordFailure(username, clientIp);
      throw new AuthenticationError(BAD_CREDENTIALS);
    }
    if (!(await verifyPassword(account.passwordHash, request.password))) {
      await limiter.recordFailure(username, clientIp);
      throw new AuthenticationError(BAD_CREDENTIALS);
    }
    await limiter.recordSuccess(username);
    if (account.user.disabled) {
      throw new NotAllowedError('This account is disabled');
    }
    return {
      user: account.user,
      session: await sessions.create(username),
    };
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
    const account = await this.deps.users.getWithPasswordHash(username);
    if (!account) {
      throw new NotFoundError(`No user named '${username}'`);
    }
    if (account.user.disabled) {
      throw new NotAllowedError('This account is disabled');
    }
    if (!(await verifyPassword(account.passwordHash, currentPassword))) {
      throw new AuthenticationError('Current password is incorrect');
    }
    await this.deps.users.setPasswordHash(
      username,
      await hashPassword(newPassword),
    );
    await this.deps.sessions.revokeAllForUser(username, currentToken);
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
    return this.deps.users.setRoleOrDisabled(username, { role });
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
    return user;
  }
}
