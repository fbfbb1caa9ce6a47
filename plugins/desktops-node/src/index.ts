/**
 * Permission rules and conditions for the Labstage desktop resource.
 *
 * @packageDocumentation
 */

export { desktopResourceRef } from './resource';
export type { DesktopResource, DesktopQuery } from './resource';
export {
  isDesktopOwner,
  desktopPermissionRules,
  desktopPermissionRuleList,
} from './rules';
export type { DesktopRuleParams } from './rules';
export {
  desktopConditions,
  createDesktopConditionalDecision,
} from './conditions';
