/**
 * Catalog module publishing Labstage users and groups.
 *
 * @packageDocumentation
 */

export { catalogModuleLabstageOrg as default } from './module';
export { LabstageOrgEntityProvider } from './LabstageOrgEntityProvider';
export { buildOrgEntities, courseGroupName } from './buildOrgEntities';
