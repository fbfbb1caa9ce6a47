export { describeRuntimeConformance } from './describeRuntimeConformance';
export type {
  RuntimeConformanceExecResult,
  RuntimeConformanceFrame,
  RuntimeConformanceHarness,
  RuntimeConformanceTimeouts,
} from './harness';
