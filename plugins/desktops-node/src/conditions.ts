import { createConditionExports } from '@backstage/plugin-permission-node';
import { desktopResourceRef } from './resource';
import { desktopPermissionRules } from './rules';

const exported = createConditionExports({
  resourceRef: desktopResourceRef,
  rules: desktopPermissionRules,
});

/**
 * Condition factories for the desktop resource:
 * `desktopConditions.isDesktopOwner({ userEntityRef })`.
 *
 * @public
 */
export const desktopConditions = exported.conditions;

/** @public */
export const createDesktopConditionalDecision =
  exported.createConditionalDecision;
