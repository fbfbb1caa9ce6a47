/**
 * Scaffolder actions for Labstage (`labstage:*`), acting as the user who
 * runs the template.
 *
 * @packageDocumentation
 */

export { scaffolderModuleLabstage as default } from './module';
export { createImageBuildAction } from './actions/buildImage';
export { createDesktopCloneAction } from './actions/cloneDesktops';
export { createCourseCreateAction } from './actions/createCourse';
export { createEnvironmentPublishAction } from './actions/publishEnvironment';
export { createDesktopSaveAction } from './actions/saveDesktop';
export { LabstageApi, LabstageApiError } from './labstageApi';
export type {
  ImageSaveWaitOptions,
  LabstagePluginApi,
  LabstagePluginId,
} from './labstageApi';
