/**
 * Kubernetes runtime for Labstage desktops: a backend module of the desktops
 * plugin (`desktops.runtime: kubernetes`).
 *
 * @packageDocumentation
 */
export { desktopsModuleKubernetes as default } from './module';
export { KubernetesDesktopRuntime } from './KubernetesDesktopRuntime';
export type { KubernetesDesktopRuntimeOptions } from './KubernetesDesktopRuntime';
export { createKubernetesRuntime } from './createKubernetesRuntime';
export { readKubernetesRuntimeConfig } from './config/kubernetesRuntimeConfig';
export type { KubernetesRuntimeConfig } from './config/kubernetesRuntimeConfig';
