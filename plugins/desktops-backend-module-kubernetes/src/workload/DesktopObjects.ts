import type {
  CoreV1Api,
  NetworkingV1Api,
  V1NetworkPolicy,
  V1Secret,
} from '@kubernetes/client-node';
import {
  obfuscateVncPassword,
  type RegistryCredentials,
} from '@internal/backstage-plugin-desktops-node';
import { apiStatus, ignoreNotFound } from './apiErrors';
import {
  LABEL_DESKTOP_ID,
  LABEL_MANAGED_BY,
  MANAGED_BY,
  VNC_PASSWORD_KEY,
  VNC_PORT,
  networkPolicyName,
  pullSecretName,
  vncSecretName,
} from './naming';

/**
 * The objects beside a desktop's pod: its VNC password Secret (new on every
 * start), its image pull Secret (for images from Labstage's registry) and
 * its NetworkPolicy.
 */
export class DesktopObjects {
  constructor(
    private readonly core: CoreV1Api,
    private readonly networking: NetworkingV1Api,
    private readonly options: {
      namespace: string;
      displayTransport: 'portForward' | 'podIp';
      gatewayPodLabels: Record<string, string>;
      labels: (desktopId: string) => Record<string, string>;
    },
  ) {}

  /** The password file Xvnc reads, in TigerVNC's format, as a Secret. */
  async writeVncPassword(desktopId: string, password: string): Promise<void> {
    await this.upsertSecret({
      metadata: {
        name: vncSecretName(desktopId),
        labels: this.options.labels(desktopId),
      },
      type: 'Opaque',
      immutable: false,
      data: {
        [VNC_PASSWORD_KEY]: obfuscateVncPassword(password).toString('base64'),
      },
    });
  }

  async writePullSecret(
    desktopId: string,
    credentials: RegistryCredentials,
  ): Promise<void> {
    const auth = Buffer.from(
      `${credentials.username}:${credentials.password}`,
    ).toString('base64');
    const dockerConfig = {
      auths: {
        [credentials.serveraddress]: {
          username: credentials.username,
          password: credentials.password,
          auth,
        },
      },
    };
    await this.upsertSecret({
      metadata: {
        name: pullSecretName(desktopId),
        labels: this.options.labels(desktopId),
      },
      type: 'kubernetes.io/dockerconfigjson',
      data: {
        '.dockerconfigjson': Buffer.from(JSON.stringify(dockerConfig)).toString(
          'base64',
        ),
      },
    });
  }

  /**
   * No egress at all, as `--network none` on Docker; ingress only from the
   * gateway's pods to the display port where the gateway dials pods, and
   * none where it comes through the API server's port-forward (which enters
   * the pod's network namespace on the node and is not subject to policy).
   */
  async ensureNetworkPolicy(desktopId: string): Promise<void> {
    const body: V1NetworkPolicy = {
      metadata: {
        name: networkPolicyName(desktopId),
        labels: this.options.labels(desktopId),
      },
      spec: {
        podSelector: {
          matchLabels: {
            [LABEL_MANAGED_BY]: MANAGED_BY,
            [LABEL_DESKTOP_ID]: desktopId,
          },
        },
        policyTypes: ['Ingress', 'Egress'],
        egress: [],
        ingress:
          this.options.displayTransport === 'podIp'
            ? [
                {
                  _from: [
                    {
                      podSelector: {
                        matchLabels: this.options.gatewayPodLabels,
                      },
                    },
                  ],
                  ports: [{ port: VNC_PORT, protocol: 'TCP' }],
                },
              ]
            : [],
      },
    };
    try {
      await this.networking.createNamespacedNetworkPolicy({
        namespace: this.options.namespace,
        body,
      });
    } catch (error) {
      if (apiStatus(error) !== 409) throw error;
      await this.networking.replaceNamespacedNetworkPolicy({
        name: networkPolicyName(desktopId),
        namespace: this.options.namespace,
        body,
      });
    }
  }

  async removeAll(desktopId: string): Promise<void> {
    const namespace = this.options.namespace;
    await Promise.all([
      ignoreNotFound(
        this.core.deleteNamespacedSecret({
          name: vncSecretName(desktopId),
          namespace,
        }),
      ),
      ignoreNotFound(
        this.core.deleteNamespacedSecret({
          name: pullSecretName(desktopId),
          namespace,
        }),
      ),
      ignoreNotFound(
        this.networking.deleteNamespacedNetworkPolicy({
          name: networkPolicyName(desktopId),
          namespace,
        }),
      ),
    ]);
  }

  private async upsertSecret(body: V1Secret): Promise<void> {
    const namespace = this.options.namespace;
    try {
      await this.core.createNamespacedSecret({ namespace, body });
    } catch (error) {
      if (apiStatus(error) !== 409) throw error;
      await this.core.replaceNamespacedSecret({
        name: body.metadata!.name!,
        namespace,
        body,
      });
    }
  }
}
