import { NotAllowedError } from '@backstage/errors';
import { USERNAME_PATTERN } from '@internal/backstage-plugin-accounts-common';
import {
  getUserCaller,
  UserCaller,
} from '@internal/backstage-plugin-labstage-node';
import { Request } from 'express';
import { RouteContext } from './context';

/** The signed-in user making a request. */
export type Caller = UserCaller & {
  /** Local account name, when the ref is `user:default/<name>`. */
  username?: string;
};

/** A caller with a local account, as enrolments are by username. */
export type LocalCaller = Caller & { username: string };

/**
 * `user:default/<name>` → name; anything else → undefined. A name no account
 * can have (such as DELETED_AUTHOR) is no local account either, so it can
 * never enrol or pass as the author of a deleted account's posts.
 */
export function usernameFromRef(ref: string): string | undefined {
  const match = /^user:default\/(.+)$/i.exec(ref);
  const name = match?.[1].toLocaleLowerCase('en-US');
  return name !== undefined && USERNAME_PATTERN.test(name) ? name : undefined;
}

export function refForUsername(username: string): string {
  return `user:default/${username}`;
}

/** The calling user (401 without credentials, 403 for services). */
export async function getCaller(
  ctx: RouteContext,
  req: Request,
): Promise<Caller> {
  const caller = await getUserCaller(ctx.httpAuth, req);
  return { ...caller, username: usernameFromRef(caller.userEntityRef) };
}

/** Like getCaller, but requires a local account (enrolments are by username). */
export async function getLocalCaller(
  ctx: RouteContext,
  req: Request,
): Promise<LocalCaller> {
  const caller = await getCaller(ctx, req);
  if (!caller.username) {
    throw new NotAllowedError(
      'Only Labstage accounts can take part in courses',
    );
  }
  return caller as LocalCaller;
}

/**
 * Only the auth plugin may call the internal routes that enrol at sign-up
 * and delete an account's course data.
 */
export async function requireAuthPlugin(
  ctx: RouteContext,
  req: Request,
): Promise<void> {
  const credentials = await ctx.httpAuth.credentials(req, {
    allow: ['service'],
  });
  if (credentials.principal.subject !== 'plugin:auth') {
    throw new NotAllowedError('Only the auth plugin may call this endpoint');
  }
}
