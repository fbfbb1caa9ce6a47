import { describeRuntimeConformance } from '@internal/backstage-plugin-desktops-node/testUtils';
import { dockerConformanceHarness } from '../__testUtils__/dockerConformanceHarness';

// The runtime conformance suite every driver passes, on the real Docker
// Engine and desktop image (scripts/test starts both). Docker-only details
// (labels, limits, folders, the event stream's replay) are in
// DockerDesktopRuntime.test.ts.
describeRuntimeConformance(dockerConformanceHarness());
