import { mockServices } from '@backstage/backend-test-utils';
import type { JsonValue } from '@backstage/types';
import { readKubernetesRuntimeConfig } from './kubernetesRuntimeConfig';

const read = (kubernetes: JsonValue) =>
  readKubernetesRuntimeConfig(
    mockServices.rootConfig({ data: { desktops: { kubernetes } } }),
  );

const valid = {
  namespace: 'labstage-desktops',
  storage: { mode: 'storageClass', storageClassName: 'fast' },
};

describe('desktops.kubernetes config', () => {
  it('fills in the defaults of a minimal production config', () => {
    expect(read(valid)).toEqual({
      namespace: 'labstage-desktops',
      storage: { mode: 'storageClass', storageClassName: 'fast', size: '5Gi' },
      nodeSelector: {},
      tolerations: [],
      displayTransport: 'portForward',
      gatewayPodLabels: { 'app.kubernetes.io/name': 'labstage-gateway' },
      kubernetesId: 'labstage-desktops',
      requests: { cpuFraction: 0.25, memoryFraction: 0.5 },
      startTimeoutSeconds: 300,
    });
  });

  it('says what is missing when the section is absent', () => {
    expect(() =>
      readKubernetesRuntimeConfig(mockServices.rootConfig({ data: {} })),
    ).toThrow(/desktops\.kubernetes is not configured/);
  });

  it.each([
    [
      { ...valid, namespace: 'Not_A_Namespace' },
      'desktops.kubernetes.namespace: a Kubernetes namespace name',
    ],
    [
      {
        ...valid,
        storage: { mode: 'static', nodeNames: [], hostPath: '/srv' },
      },
      'desktops.kubernetes.storage.nodeNames',
    ],
    [
      {
        ...valid,
        storage: { mode: 'static', nodeNames: ['n1'], hostPath: 'relative' },
      },
      'desktops.kubernetes.storage.hostPath: an absolute path',
    ],
    [
      { ...valid, storage: { mode: 'storageClass', size: 'lots' } },
      'desktops.kubernetes.storage.size: a size such as 5Gi',
    ],
    [
      { ...valid, storage: { mode: 'nfs' } },
      'desktops.kubernetes.storage.mode',
    ],
    [
      { ...valid, displayTransport: 'nodePort' },
      'desktops.kubernetes.displayTransport',
    ],
    [
      { ...valid, nodeSelector: { pool: 'has spaces' } },
      'desktops.kubernetes.nodeSelector.pool: not a valid label value',
    ],
    [
      { ...valid, requests: { cpuFraction: 2 } },
      'desktops.kubernetes.requests.cpuFraction',
    ],
    [
      { ...valid, tolerations: [{ effect: 'Sometimes' }] },
      'desktops.kubernetes.tolerations.0.effect',
    ],
    [
      { ...valid, kubeconfg: '/typo' },
      'desktops.kubernetes: Unrecognized key: "kubeconfg"',
    ],
  ])('refuses %j naming the key', (kubernetes, message) => {
    expect(() => read(kubernetes)).toThrow(message);
  });
});
