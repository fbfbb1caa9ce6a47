import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { usernameFromEntityRef } from '@internal/backstage-plugin-accounts-common';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import {
  DesktopShare,
  ShareCandidate,
  ShareRole,
} from '@internal/backstage-plugin-desktops-common';
import { DesktopRecord, ShareRecord, ShareStore } from '../store';
import { CourseMemberships } from './CourseMemberships';
import { ShareChanges } from './ShareChanges';

/** What the owner and another member have in common, by the other's username. */
type CoursePeer = {
  instructor: boolean;
  courses: Array<{ id: string; title: string }>;
};

/**
 * Inviting people to a desktop, changing their role and revoking it. Who
 * may be invited: the classmates and instructors of any course the owner is
 * in. Every change is written first, then published (ShareChanges) for the
 * gateway, the audit log and notifications.
 */
export class DesktopSharing {
  constructor(
    private readonly deps: {
      shares: ShareStore;
      changes: ShareChanges;
      courses: CourseMemberships;
      directory: AccountsDirectory;
      logger: LoggerService;
    },
  ) {}

  /** The desktop's shares, oldest invitation first. */
  async list(desktop: DesktopRecord): Promise<DesktopShare[]> {
    const shares = await this.deps.shares.listForDesktop(desktop.id);
    const names = await this.displayNames(shares.map(s => s.grantee));
    return shares.map(s => this.present(s, names.get(s.grantee)!));
  }

  /** Everyone the owner may invite: instructors first, then by name. */
  async candidates(desktop: DesktopRecord): Promise<ShareCandidate[]> {
    const peers = await this.peersOf(desktop.owner);
    const users = await Promise.all(
      [...peers.keys()].map(username => this.deps.directory.getUser(username)),
    );
    return users
      .flatMap(user => {
        // Disabled accounts cannot sign in to use an invitation.
        if (!user || user.disabled) return [];
        const peer = peers.get(user.username)!;
        const candidate: ShareCandidate = {
          userEntityRef: user.userEntityRef,
          displayName: user.displayName || user.username,
          relation: peer.instructor ? 'instructor' : 'classmate',
          courses: peer.courses,
        };
        return [candidate];
      })
      .sort(
        (a, b) =>
          Number(b.relation === 'instructor') -
            Number(a.relation === 'instructor') ||
          a.displayName.localeCompare(b.displayName, 'en'),
      );
  }

  /**
   * Invites `grantee` as `role`, or changes their role. Refuses the owner,
   * unknown and disabled accounts, and anyone who is not a candidate.
   */
  async share(
    desktop: DesktopRecord,
    grantee: string,
    role: ShareRole,
    changedBy: string,
  ): Promise<{ share: DesktopShare; created: boolean }> {
    if (sameUser(grantee, desktop.owner)) {
      throw new InputError(
        'The owner already has the desktop; invite someone else',
      );
    }
    const user = await this.deps.directory.getUserByRef(grantee);
    if (!user) throw new InputError(`There is no user ${grantee}`);
    if (user.disabled) {
      throw new InputError(
        `${user.displayName || user.username}'s account is disabled`,
      );
    }
    const peers = await this.peersOf(desktop.owner);
    if (!peers.has(user.username)) {
      throw new InputError(
        `${
          user.displayName || user.username
        } is not in a course with the desktop's owner: a desktop can be shared with classmates and instructors of the owner's courses`,
      );
    }
    const { before, share } = await this.deps.shares.put({
      desktopId: desktop.id,
      grantee: user.userEntityRef,
      role,
      grantedBy: changedBy,
    });
    if (before !== role) {
      await this.deps.changes.publish({
        desktopId: desktop.id,
        grantee: share.grantee,
        before,
        after: role,
        changedBy,
      });
    }
    return {
      share: this.present(share, user.displayName || user.username),
      created: before === null,
    };
  }

  /** Revokes `grantee`'s invitation (404 if there is none). */
  async revoke(
    desktop: DesktopRecord,
    grantee: string,
    changedBy: string,
  ): Promise<void> {
    const removed = await this.deps.shares.delete(desktop.id, grantee);
    if (!removed) {
      throw new NotFoundError(`The desktop is not shared with ${grantee}`);
    }
    await this.deps.changes.publish({
      desktopId: desktop.id,
      grantee: removed.grantee,
      before: removed.role,
      after: null,
      changedBy,
    });
  }

  /** What `userEntityRef` was invited to, newest first. */
  async invitationsOf(userEntityRef: string): Promise<ShareRecord[]> {
    return this.deps.shares.listForGrantee(userEntityRef);
  }

  /**
   * Removes every invitation of a person whose account is being deleted,
   * telling the gateway of each.
   */
  async revokeAllOf(userEntityRef: string): Promise<number> {
    const removed = await this.deps.shares.deleteForGrantee(userEntityRef);
    for (const share of removed) {
      await this.deps.changes.publish({
        desktopId: share.desktopId,
        grantee: share.grantee,
        before: share.role,
        after: null,
        changedBy: userEntityRef,
      });
    }
    return removed.length;
  }

  /** Display names by user entity ref, falling back to the username. */
  async displayNames(refs: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(refs)];
    const names = await Promise.all(
      unique.map(async ref => {
        const fallback = usernameFromEntityRef(ref) ?? ref;
        try {
          const user = await this.deps.directory.getUserByRef(ref);
          return user?.displayName || fallback;
        } catch (error) {
          this.deps.logger.warn(`Could not look up ${ref}: ${error}`);
          return fallback;
        }
      }),
    );
    return new Map(unique.map((ref, i) => [ref, names[i]]));
  }

  /** The other members of the owner's courses, by username. */
  private async peersOf(owner: string): Promise<Map<string, CoursePeer>> {
    const ownerName = usernameFromEntityRef(owner);
    const peers = new Map<string, CoursePeer>();
    if (!ownerName) return peers;
    for (const course of await this.deps.courses.coursesOf(ownerName)) {
      const members = [
        ...course.instructors.map(u => [u, true] as const),
        ...course.students.map(u => [u, false] as const),
      ];
      for (const [username, instructor] of members) {
        if (username === ownerName) continue;
        const peer = peers.get(username) ?? { instructor: false, courses: [] };
        peer.instructor ||= instructor;
        peer.courses.push({ id: course.courseId, title: course.title });
        peers.set(username, peer);
      }
    }
    return peers;
  }

  private present(share: ShareRecord, granteeName: string): DesktopShare {
    return {
      desktopId: share.desktopId,
      grantee: share.grantee,
      granteeName,
      role: share.role,
      grantedBy: share.grantedBy,
      grantedAt: share.grantedAt,
      updatedAt: share.updatedAt,
    };
  }
}

function sameUser(a: string, b: string): boolean {
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
