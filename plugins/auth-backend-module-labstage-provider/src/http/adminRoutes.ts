import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  accountsUserManagePermission,
  resetPasswordRequestSchema,
  setDisabledRequestSchema,
  setRoleRequestSchema,
  usernameFromEntityRef,
} from '@internal/backstage-plugin-accounts-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Request } from 'express';
import Router from 'express-promise-router';
import { parseInput } from '@internal/backstage-plugin-labstage-node';
import { RouterContext } from './types';
import type { ListResponse } from '@internal/backstage-plugin-labstage-common';
import type {
  User,
  UserResponse,
} from '@internal/backstage-plugin-accounts-common';

/** User management, guarded by `accounts.user.manage`. */
export function createAdminRoutes(ctx: RouterContext) {
  const router = Router();

  /** Returns the acting admin's username (empty for non-local principals). */
  async function authorize(req: Request): Promise<string> {
    const credentials = await ctx.httpAuth.credentials(req, {
      allow: ['user'],
    });
    const [decision] = await ctx.permissions.authorize(
      [{ permission: accountsUserManagePermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Only admins can manage users');
    }
    return usernameFromEntityRef(credentials.principal.userEntityRef) ?? '';
  }

  router.get('/users', async (req, res) => {
    await authorize(req);
    res.json({ items: await ctx.users.list() } satisfies ListResponse<User>);
  });

  router.post('/users/:username/role', async (req, res) => {
    const actor = await authorize(req);
    const { role } = parseInput(setRoleRequestSchema, req.body);
    const user = await ctx.accounts.setRole(actor, req.params.username, role);
    ctx.logger.info(`${actor} set role of ${user.username} to ${role}`);
    res.json({ user } satisfies UserResponse);
  });

  router.post('/users/:username/disabled', async (req, res) => {
    const actor = await authorize(req);
    const { disabled } = parseInput(setDisabledRequestSchema, req.body);
    const user = await ctx.accounts.setDisabled(
      actor,
      req.params.username,
      disabled,
    );
    ctx.logger.info(`${actor} set disabled=${disabled} on ${user.username}`);
    res.json({ user } satisfies UserResponse);
  });

  router.get('/users/:username/deletion-preview', async (req, res) => {
    await authorize(req);
    res.json(await ctx.deletion.preview(req.params.username));
  });

  router.delete('/users/:username', async (req, res) => {
    const actor = await authorize(req);
    if (actor === req.params.username) {
      throw new InputError('Delete your own account from My account');
    }
    await ctx.deletion.delete(req.params.username);
    ctx.logger.info(`${actor} deleted the account ${req.params.username}`);
    res.status(204).end();
  });

  router.post('/users/:username/password', async (req, res) => {
    const actor = await authorize(req);
    const { newPassword } = parseInput(resetPasswordRequestSchema, req.body);
    const user = await ctx.users.get(req.params.username);
    if (!user) {
      throw new NotFoundError(`No user named '${req.params.username}'`);
    }
    await ctx.accounts.resetPassword(user.username, newPassword);
    ctx.logger.info(`${actor} reset the password of ${user.username}`);
    res.status(204).end();
  });

  return router;
}
