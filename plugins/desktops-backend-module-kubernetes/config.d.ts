export interface Config {
  desktops?: {
    /**
     * The Kubernetes runtime, used when `desktops.runtime` is `kubernetes`.
     * Labstage works as a ServiceAccount with a Role in `namespace` only
     * (deploy/kubernetes/labstage-desktops-rbac.yaml).
     */
    kubernetes?: {
      /** A kubeconfig file. Unset: the in-cluster ServiceAccount of the backend's pod. */
      kubeconfig?: string;
      /** A context of that kubeconfig. Unset: its current context. */
      context?: string;
      /** The namespace of the desktops' pods, homes and secrets. */
      namespace: string;
      /**
       * Homes: `storageClass` (a dynamic provisioner; production) or
       * `static` (one `local` PersistentVolume per home on one of
       * `nodeNames`, in `hostPath`; single-node clusters, with the backend on
       * that node).
       */
      storage:
        | { mode: 'storageClass'; storageClassName?: string; size?: string }
        | {
            mode: 'static';
            nodeNames: string[];
            hostPath: string;
            size?: string;
          };
      /** An existing docker-registry Secret in the namespace for every desktop's image. */
      imagePullSecret?: string;
      /** Desktop pods only run on nodes with these labels. */
      nodeSelector?: { [key: string]: string };
      tolerations?: Array<{
        key?: string;
        operator?: 'Equal' | 'Exists';
        value?: string;
        effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
      }>;
      /**
       * How the gateway reaches a display: `portForward` (default; through the
       * API server) or `podIp` (dials the pod; its NetworkPolicy admits only
       * pods with `gatewayPodLabels`).
       */
      displayTransport?: 'portForward' | 'podIp';
      gatewayPodLabels?: { [key: string]: string };
      /** backstage.io/kubernetes-id of the desktop pods. Default `labstage-desktops`. */
      kubernetesId?: string;
      /** Requests as fractions of the limits. Defaults 0.25 (CPU) and 0.5 (memory). */
      requests?: { cpuFraction?: number; memoryFraction?: number };
      /** How long a start waits for its pod to run. Default 300. */
      startTimeoutSeconds?: number;
    };
  };
}
