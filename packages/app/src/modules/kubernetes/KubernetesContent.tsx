import { Fragment } from 'react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  EmptyState,
  InfoCard,
  Progress,
  WarningPanel,
} from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  ClusterObjects,
  detectErrors,
  groupResponses,
  kubernetesClustersReadPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  Cluster,
  ClusterContext,
  DetectedErrorsContext,
  ErrorPanel,
  ErrorReporting,
  PodsTable,
  READY_COLUMNS,
  useKubernetesObjects,
} from '@backstage/plugin-kubernetes-react';
import { usePermission } from '@backstage/plugin-permission-react';

type Pod = ReturnType<typeof groupResponses>['pods'][number];

/**
 * Pods that no Deployment, StatefulSet, DaemonSet or Job manages. The
 * upstream cluster accordion lists pods only under their workload, so these
 * (every Labstage desktop is one) would show as a count and nothing else.
 */
export function podsWithoutController(item: ClusterObjects): Pod[] {
  return groupResponses(item.resources).pods.filter(
    pod => !pod.metadata?.ownerReferences?.some(owner => owner.controller),
  );
}

function ClusterPods(props: { item: ClusterObjects }) {
  const { item } = props;
  const pods = podsWithoutController(item);
  if (pods.length === 0) {
    return null;
  }
  return (
    <Grid item>
      <ClusterContext.Provider value={item.cluster}>
        <InfoCard
          title={`Pods on ${item.cluster.title || item.cluster.name}`}
          subheader="Not managed by a workload: one per Labstage desktop"
          noPadding
        >
          <PodsTable pods={pods} extraColumns={[READY_COLUMNS]} />
        </InfoCard>
      </ClusterContext.Provider>
    </Grid>
  );
}

function KubernetesObjectsView(props: { entity: Entity }) {
  const { entity } = props;
  const { kubernetesObjects, error } = useKubernetesObjects(entity);
  if (error !== undefined) {
    return (
      <ErrorPanel entityName={entity.metadata.name} errorMessage={error} />
    );
  }
  if (kubernetesObjects === undefined) {
    return <Progress />;
  }
  const detectedErrors = detectErrors(kubernetesObjects);
  const clusters = kubernetesObjects.items.map(item => item.cluster);
  const clustersWithErrors = kubernetesObjects.items.filter(
    item => item.errors.length > 0,
  );
  return (
    <DetectedErrorsContext.Provider value={[...detectedErrors.values()].flat()}>
      <Grid container spacing={3} direction="column">
        {clustersWithErrors.length > 0 && (
          <Grid item>
            <ErrorPanel
              entityName={entity.metadata.name}
              clustersWithErrors={clustersWithErrors}
            />
          </Grid>
        )}
        <Grid item>
          <ErrorReporting detectedErrors={detectedErrors} clusters={clusters} />
        </Grid>
        <Grid item>
          <Typography variant="h3">Clusters</Typography>
        </Grid>
        {kubernetesObjects.items.length === 0 && (
          <Grid item>
            <EmptyState
              missing="data"
              title="No Kubernetes resources"
              description={`No resource on any cluster carries this entity's label (backstage.io/kubernetes-id=${entity.metadata.name}), or no cluster is configured.`}
            />
          </Grid>
        )}
        {kubernetesObjects.items.map(item => {
          const podsWithErrors = new Set(
            detectedErrors
              .get(item.cluster.name)
              ?.filter(e => e.sourceRef.kind === 'Pod')
              .map(e => e.sourceRef.name),
          );
          return (
            <Fragment key={item.cluster.name}>
              <Grid item>
                <Cluster
                  clusterObjects={item}
                  podsWithErrors={podsWithErrors}
                />
              </Grid>
              <ClusterPods item={item} />
            </Fragment>
          );
        })}
      </Grid>
    </DetectedErrorsContext.Provider>
  );
}

/**
 * The entity's Kubernetes tab: the upstream view (clusters, workloads,
 * errors) plus a table of the pods no workload manages, each with its
 * phase, container status, readiness and restarts. Admins only: the tab is
 * hidden from everyone else, and this check covers a direct link.
 */
export function KubernetesContent() {
  const { entity } = useEntity();
  const clusters = usePermission({
    permission: kubernetesClustersReadPermission,
  });
  const resources = usePermission({
    permission: kubernetesResourcesReadPermission,
  });
  if (clusters.loading || resources.loading) {
    return <Progress />;
  }
  if (!clusters.allowed || !resources.allowed) {
    return (
      <WarningPanel
        title="Permission required"
        message="The Kubernetes views are for Labstage admins."
      />
    );
  }
  return <KubernetesObjectsView entity={entity} />;
}
