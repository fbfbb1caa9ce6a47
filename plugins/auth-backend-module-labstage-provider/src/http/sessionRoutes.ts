import {
  signInRequestSchema,
  signUpRequestSchema,
} from '@internal/backstage-plugin-accounts-common';
import Router from 'express-promise-router';
import {
  clearSessionCookie,
  readSessionToken,
  setSessionCookie,
} from '../http/sessionCookie';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RouterContext } from './types';
import type { UserResponse } from '@internal/backstage-plugin-accounts-common';

/** Sign-up, sign-in and sign-out: open to anyone, cookie based. */
export function createSessionRoutes(ctx: RouterContext) {
  const router = Router();

  router.post('/signup', async (req, res) => {
    const body = parseInput(signUpRequestSchema, req.body);
    const { user, session } = await ctx.accounts.signUp(body);
    setSessionCookie(res, ctx.cookie, session.token, session.expiresAt);
    res.status(201).json({ user } satisfies UserResponse);
  });

  router.post('/signin', async (req, res) => {
    const body = parseInput(signInRequestSchema, req.body);
    const ip = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const { user, session } = await ctx.accounts.signIn(body, ip);
    setSessionCookie(res, ctx.cookie, session.token, session.expiresAt);
    res.status(200).json({ user } satisfies UserResponse);
  });

  router.post('/signout', async (req, res) => {
    const token = readSessionToken(req);
    if (token) {
      await ctx.accounts.signOut(token);
    }
    clearSessionCookie(res, ctx.cookie);
    res.status(204).end();
  });

  return router;
}
