import { screen, waitFor, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { ObjectsByEntityResponse } from '@backstage/plugin-kubernetes-common';
import {
  KubernetesApi,
  kubernetesApiRef,
  kubernetesAuthProvidersApiRef,
} from '@backstage/plugin-kubernetes-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderCreatedApp } from '../../__testUtils__/renderCreatedApp';
import { kubernetesModule } from '.';

const desktops: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'labstage-desktops',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'labstage-desktops' },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'group:admins' },
};

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'labstage-local',
    namespace: 'default',
    annotations: { 'kubernetes.io/api-server': 'https://127.0.0.1:6443' },
  },
  spec: { type: 'kubernetes-cluster', owner: 'group:admins' },
};

function desktopPod(name: string, phase: string, ready: boolean) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'labstage-desktops',
      uid: `uid-${name}`,
      labels: { 'backstage.io/kubernetes-id': 'labstage-desktops' },
    },
    spec: { containers: [{ name: 'desktop', image: 'labstage/desktop' }] },
    status: {
      phase,
      containerStatuses: [
        {
          name: 'desktop',
          image: 'labstage/desktop',
          imageID: '',
          ready,
          restartCount: 0,
          started: ready,
          state: ready
            ? { running: { startedAt: '2026-11-29T10:00:00Z' } }
            : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  };
}

const objects: ObjectsByEntityResponse = {
  items: [
    {
      cluster: { name: 'labstage-local' },
      errors: [],
      podMetrics: [],
      resources: [
        {
          type: 'pods',
          resources: [
            desktopPod('desktop-alice', 'Running', true),
            desktopPod('desktop-bob', 'Pending', false),
          ],
        },
      ] as any,
    },
  ],
};

function kubernetesApi(): jest.Mocked<KubernetesApi> {
  const json = (body: object) =>
    Promise.resolve(new Response(JSON.stringify(body)));
  return {
    getObjectsByEntity: jest.fn().mockResolvedValue(objects),
    getClusters: jest
      .fn()
      .mockResolvedValue([
        { name: 'labstage-local', authProvider: 'serviceAccount' },
      ]),
    getCluster: jest.fn().mockResolvedValue({
      name: 'labstage-local',
      authProvider: 'serviceAccount',
    }),
    getWorkloadsByEntity: jest.fn(),
    getCustomObjectsByEntity: jest.fn(),
    proxy: jest.fn(({ path }) =>
      path.startsWith('/api/v1/nodes')
        ? json({
            items: [
              {
                metadata: { name: 'kwok-node-1' },
                spec: {},
                status: {
                  conditions: [{ type: 'Ready', status: 'True' }],
                  nodeInfo: { operatingSystem: 'linux', architecture: 'amd64' },
                },
              },
            ],
          })
        : json({ groups: [] }),
    ),
  } as any;
}

/**
 * The app as createApp builds it (so the tabs' permission predicates are
 * evaluated as in production), with the catalog, the Kubernetes APIs and the
 * permission API replaced in place and no sign-in page.
 */
async function renderEntityPage(options: { path: string; admin: boolean }) {
  const api = kubernetesApi();
  const testCatalog = createFrontendModule({
    pluginId: 'catalog',
    extensions: [
      ApiBlueprint.make({
        params: define =>
          define({
            api: catalogApiRef,
            deps: {},
            factory: () => catalogApiMock({ entities: [desktops, cluster] }),
          }),
      }),
    ],
  });
  const testKubernetes = createFrontendModule({
    pluginId: 'kubernetes',
    extensions: [
      ApiBlueprint.make({
        params: define =>
          define({ api: kubernetesApiRef, deps: {}, factory: () => api }),
      }),
      ApiBlueprint.make({
        name: 'auth-providers',
        params: define =>
          define({
            api: kubernetesAuthProvidersApiRef,
            deps: {},
            factory: () => ({
              decorateRequestBodyForAuth: async (_: string, body: any) => body,
              getCredentials: async () => ({}),
            }),
          }),
      }),
    ],
  });
  renderCreatedApp({
    path: options.path,
    features: [
      catalogPlugin,
      kubernetesPlugin,
      kubernetesModule,
      testCatalog,
      testKubernetes,
    ],
    // The Labstage policy: kubernetes.* is the admins' alone.
    authorize: request =>
      request.permission.name.startsWith('kubernetes.') && !options.admin
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
  });
  return api;
}

// A whole app per case, so slower than the default allows under load.
jest.setTimeout(30_000);

describe('Kubernetes views', () => {
  it("lists every desktop pod with its status on labstage-desktops' Kubernetes tab, for admins", async () => {
    const api = await renderEntityPage({
      path: '/catalog/default/component/labstage-desktops/kubernetes',
      admin: true,
    });

    expect(
      await screen.findByRole(
        'link',
        { name: 'Kubernetes' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    const card = await screen.findByText(
      'Pods on labstage-local',
      {},
      { timeout: 10_000 },
    );
    const table = within(
      card.closest('[class*="MuiCard-root"]') as HTMLElement,
    );
    const rows = table
      .getAllByRole('row')
      .map(row => row.textContent ?? '')
      .filter(text => text.includes('desktop-'));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/desktop-alice.*Running.*OK/);
    expect(rows[1]).toMatch(/desktop-bob.*Pending.*ContainerCreating/);
    // The upstream cluster summary still counts them.
    expect(screen.getByText('2 pods')).toBeInTheDocument();
    expect(api.getObjectsByEntity).toHaveBeenCalledWith(
      expect.objectContaining({
        entity: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'labstage-desktops' }),
        }),
      }),
    );
  });

  it('shows the cluster overview and nodes on the kubernetes-cluster Resource, for admins', async () => {
    const api = await renderEntityPage({
      path: '/catalog/default/resource/labstage-local/kubernetes-cluster',
      admin: true,
    });

    expect(
      await screen.findByRole('link', { name: 'Cluster' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('kwok-node-1', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(await screen.findByText('Cluster Overview')).toBeInTheDocument();
    expect(api.getCluster).toHaveBeenCalledWith('labstage-local');
    expect(api.proxy).toHaveBeenCalledWith(
      expect.objectContaining({ clusterName: 'labstage-local' }),
    );
  });

  it.each([
    ['labstage-desktops', '/catalog/default/component/labstage-desktops'],
    ['labstage-local', '/catalog/default/resource/labstage-local'],
  ])(
    'has no Kubernetes or Cluster tab on %s for anyone else, and asks the cluster nothing',
    async (_name, path) => {
      const api = await renderEntityPage({ path, admin: false });

      expect(
        await screen.findByRole(
          'link',
          { name: 'Overview' },
          { timeout: 10_000 },
        ),
      ).toBeInTheDocument();
      await waitFor(() =>
        expect(screen.queryByRole('link', { name: 'Kubernetes' })).toBeNull(),
      );
      expect(screen.queryByRole('link', { name: 'Cluster' })).toBeNull();
      expect(api.getObjectsByEntity).not.toHaveBeenCalled();
      expect(api.proxy).not.toHaveBeenCalled();
    },
  );
});
