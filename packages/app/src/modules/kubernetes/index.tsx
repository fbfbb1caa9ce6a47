import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { compatWrapper } from '@backstage/core-compat-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import {
  KUBERNETES_ANNOTATION,
  KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION,
  kubernetesClustersReadPermission,
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';

/**
 * Shown only when the permission policy allows all of these (admins): the
 * app evaluates the predicate after sign-in and leaves the tab out for
 * everyone else. The backend refuses them as well.
 */
function allowedAll(...permissions: Array<{ name: string }>) {
  return {
    $all: permissions.map(p => ({ permissions: { $contains: p.name } })),
  };
}

/**
 * The Kubernetes plugin's entity tab, replaced in place (same extension ID,
 * entity-content:kubernetes/kubernetes): the same filter and path, plus the
 * pods no workload manages, which is what every Labstage desktop is.
 */
const entityKubernetesContent = EntityContentBlueprint.make({
  name: 'kubernetes',
  if: allowedAll(
    kubernetesClustersReadPermission,
    kubernetesResourcesReadPermission,
  ),
  params: {
    path: '/kubernetes',
    title: 'Kubernetes',
    group: 'deployment',
    filter: {
      $any: [
        {
          [`metadata.annotations.${KUBERNETES_ANNOTATION}`]: { $exists: true },
        },
        {
          [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_QUERY_ANNOTATION}`]:
            { $exists: true },
        },
      ],
    },
    loader: () =>
      import('./KubernetesContent').then(m => <m.KubernetesContent />),
  },
});

/**
 * @backstage/plugin-kubernetes-cluster has no new-frontend-system export:
 * its content (overview, API resources, nodes) as a tab of Resource entities
 * of type kubernetes-cluster. The plugin looks the cluster up by the
 * entity's name and reads the nodes and /apis through the backend's proxy.
 */
const entityKubernetesClusterContent = EntityContentBlueprint.make({
  name: 'cluster',
  if: allowedAll(kubernetesClustersReadPermission, kubernetesProxyPermission),
  params: {
    path: '/kubernetes-cluster',
    title: 'Cluster',
    group: 'deployment',
    filter: { kind: 'resource', 'spec.type': 'kubernetes-cluster' },
    loader: () =>
      import('@backstage/plugin-kubernetes-cluster').then(m =>
        compatWrapper(<m.Router />),
      ),
  },
});

/** Labstage's Kubernetes views, for admins: attached to the kubernetes plugin. */
export const kubernetesModule = createFrontendModule({
  pluginId: 'kubernetes',
  extensions: [entityKubernetesContent, entityKubernetesClusterContent],
});
