import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import { FetchResponse } from '@backstage/plugin-kubernetes-common';
import {
  AuthenticationStrategy,
  kubernetesAuthStrategyExtensionPoint,
  KubernetesFetcher,
  kubernetesFetcherExtensionPoint,
  ObjectFetchParams,
} from '@backstage/plugin-kubernetes-node';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  fixedAccountsDirectoryFactory,
  testAccount,
} from '@internal/backstage-plugin-accounts-node/testUtils';
import request from 'supertest';
import { permissionModuleLabstagePolicy as labstagePolicyModule } from './module';

// The real Kubernetes backend behind the real permission backend and the
// Labstage policy: only admins get the cluster views, whatever the route.

const desktopsEntity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'labstage-desktops',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'labstage-desktops' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:admins' },
};

const desktopPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: 'desktop-1234',
    namespace: 'labstage-desktops',
    labels: { 'backstage.io/kubernetes-id': 'labstage-desktops' },
  },
  status: { phase: 'Running' },
};

/**
 * Stands in for the API server where the plugin's fetcher would call it:
 * one desktop pod, every other list empty. The real fetcher (and the real
 * serviceAccount strategy below) load @kubernetes/client-node with a dynamic
 * import, which Jest cannot run without --experimental-vm-modules.
 */
const fetched: ObjectFetchParams[] = [];
const fakeFetcher: KubernetesFetcher = {
  async fetchObjectsForService(params) {
    fetched.push(params);
    const responses = [...params.objectTypesToFetch].map(
      ({ objectType }) =>
        ({
          type: objectType,
          resources: objectType === 'pods' ? [desktopPod] : [],
        } as FetchResponse),
    );
    for (const _ of params.customResources) {
      responses.push({ type: 'customresources', resources: [] });
    }
    return { errors: [], responses };
  },
  async fetchPodMetricsByNamespaces() {
    return { errors: [], responses: [] };
  },
};
/** The stock strategy's answer for a configured token, without the import. */
const serviceAccountStrategy: AuthenticationStrategy = {
  async getCredential(clusterDetails) {
    const token = clusterDetails.authMetadata.serviceAccountToken;
    if (!token) throw new Error('no serviceAccountToken configured');
    return { type: 'bearer token', token };
  },
  validateCluster: () => [],
  presentAuthMetadata: () => ({}),
};
const fakeClusterModule = createBackendModule({
  pluginId: 'kubernetes',
  moduleId: 'fake-cluster',
  register(reg) {
    reg.registerInit({
      deps: {
        fetchers: kubernetesFetcherExtensionPoint,
        authStrategies: kubernetesAuthStrategyExtensionPoint,
      },
      async init({ fetchers, authStrategies }) {
        fetchers.addFetcher(fakeFetcher);
        authStrategies.addAuthStrategy(
          'serviceAccount',
          serviceAccountStrategy,
        );
      },
    });
  },
});

const callers = ['admin', 'instructor', 'student', 'disabled admin'] as const;
type Caller = (typeof callers)[number];
const header: Record<Caller, string> = {
  admin: mockCredentials.user.header('user:default/root'),
  instructor: mockCredentials.user.header('user:default/teacher'),
  student: mockCredentials.user.header('user:default/alice'),
  'disabled admin': mockCredentials.user.header('user:default/mallory'),
};

type Route = {
  name: string;
  /** The admin's status when not 200. */
  adminStatus?: number;
  method: 'get' | 'post';
  path: string;
  body?: object;
  headers?: Record<string, string>;
};

const routes: Route[] = [
  {
    name: 'list clusters (kubernetes.clusters.read)',
    method: 'get',
    path: '/api/kubernetes/clusters',
  },
  {
    name: "an entity's objects, the Kubernetes tab (kubernetes.resources.read)",
    method: 'post',
    path: '/api/kubernetes/services/labstage-desktops',
    body: { entity: desktopsEntity },
  },
  {
    name: 'workloads query (kubernetes.resources.read)',
    method: 'post',
    path: '/api/kubernetes/resources/workloads/query',
    body: { entityRef: 'component:default/labstage-desktops' },
  },
  {
    name: 'custom resources query (kubernetes.resources.read)',
    method: 'post',
    path: '/api/kubernetes/resources/custom/query',
    body: {
      entityRef: 'component:default/labstage-desktops',
      customResources: [{ group: 'apps', apiVersion: 'v1', plural: 'jobs' }],
    },
  },
  {
    name: 'API server proxy, the cluster page (kubernetes.proxy)',
    // Past the permission check, the proxy loads @kubernetes/client-node
    // with a dynamic import, which Jest cannot run (500); against a real
    // cluster the admin gets the nodes.
    adminStatus: 500,
    method: 'get',
    path: '/api/kubernetes/proxy/api/v1/nodes',
    headers: { 'Backstage-Kubernetes-Cluster': 'labstage-local' },
  },
];

describe('Kubernetes backend behind the Labstage policy', () => {
  let app: Parameters<typeof request>[0];

  beforeAll(async () => {
    const backend = await startTestBackend({
      features: [
        kubernetesPlugin,
        fakeClusterModule,
        permissionPlugin,
        labstagePolicyModule,
        fixedAccountsDirectoryFactory([
          testAccount('root', 'admin'),
          testAccount('teacher', 'instructor'),
          testAccount('alice', 'student'),
          testAccount('mallory', 'admin', { disabled: true }),
        ]),
        catalogServiceMock.factory({ entities: [desktopsEntity] }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            // As the start command configures it (scripts/lib/kubernetes.sh).
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'labstage-local',
                      url: 'https://127.0.0.1:6443',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 'reader-token',
                      skipMetricsLookup: true,
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    });
    app = backend.server;
  });

  beforeEach(() => {
    fetched.length = 0;
  });

  const send = (route: Route, auth?: string) => {
    let req = request(app)[route.method](route.path);
    for (const [name, value] of Object.entries(route.headers ?? {})) {
      req = req.set(name, value);
    }
    if (auth) req = req.set('Authorization', auth);
    return route.body ? req.send(route.body) : req;
  };

  it.each(routes.map(route => [route.name, route] as const))(
    '%s: admin allowed; instructor, student and disabled admin 403; anonymous 401',
    async (_name, route) => {
      const statuses: Record<string, number> = {};
      for (const caller of callers) {
        statuses[caller] = (await send(route, header[caller])).status;
      }
      statuses.anonymous = (await send(route)).status;
      expect(statuses).toEqual({
        admin: route.adminStatus ?? 200,
        instructor: 403,
        student: 403,
        'disabled admin': 403,
        anonymous: 401,
      });
    },
  );

  it("lists the desktop pods on the admin's Kubernetes tab, by their label, with the reader's token", async () => {
    const res = await send(routes[1], header.admin);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    const [cluster] = res.body.items;
    expect(cluster.cluster.name).toBe('labstage-local');
    expect(cluster.errors).toEqual([]);
    const pods = cluster.resources.find(
      (r: { type: string }) => r.type === 'pods',
    );
    expect(pods.resources.map((p: any) => p.metadata.name)).toEqual([
      'desktop-1234',
    ]);
    expect(fetched).toHaveLength(1);
    expect(fetched[0]).toMatchObject({
      serviceId: 'labstage-desktops',
      labelSelector: 'backstage.io/kubernetes-id=labstage-desktops',
      clusterDetails: { name: 'labstage-local' },
      // The ServiceAccount's token (read-only RBAC), never the caller's.
      credential: { type: 'bearer token', token: 'reader-token' },
    });
    expect(fetched[0].namespace).toBeUndefined();
  });

  it('never fetches from the cluster for a non-admin', async () => {
    for (const route of routes) {
      for (const caller of ['instructor', 'student'] as const) {
        await send(route, header[caller]);
      }
    }
    expect(fetched).toEqual([]);
  });
});
