/**
 * The Labstage permission policy (roles, course ownership and enrolment) as a
 * module for the permission backend.
 *
 * @packageDocumentation
 */

export { permissionModuleLabstagePolicy as default } from './module';
export {
  LabstagePermissionPolicy,
  decideForRole,
} from './LabstagePermissionPolicy';
export { TEMPLATE_AUDIENCE_LABEL } from './catalogDecision';
