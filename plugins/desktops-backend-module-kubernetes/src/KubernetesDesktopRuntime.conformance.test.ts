import { describeRuntimeConformance } from '@internal/backstage-plugin-desktops-node/testUtils';
import { kubernetesConformanceHarness } from './__testUtils__/kubernetesConformanceHarness';

// The runtime conformance suite every driver passes (the Docker driver runs
// the same one), here on the real test cluster: pods on the real node, the
// display through the API server's port-forward and the real gateway.
// Kubernetes-only details (Pod Security, RBAC, volumes, placement) are in
// KubernetesDesktopRuntime.test.ts and rbac.test.ts.
describeRuntimeConformance(kubernetesConformanceHarness());
