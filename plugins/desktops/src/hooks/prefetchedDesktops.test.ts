import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import {
  PREFETCH_FRESH_MS,
  rememberPrefetched,
  takePrefetched,
} from './prefetchedDesktops';

const desktop = (id: string) => ({ id, state: 'running' } as Desktop);

describe('prefetched desktops', () => {
  it('hands a fresh record to the viewer once', () => {
    rememberPrefetched(desktop('d1'), 1_000);
    expect(takePrefetched('d1', 1_000 + PREFETCH_FRESH_MS)?.id).toBe('d1');
    expect(takePrefetched('d1', 1_000 + PREFETCH_FRESH_MS)).toBeUndefined();
  });

  it('does not hand over a stale record, or another desktop', () => {
    rememberPrefetched(desktop('d2'), 1_000);
    expect(takePrefetched('d3', 1_000)).toBeUndefined();
    expect(takePrefetched('d2', 1_001 + PREFETCH_FRESH_MS)).toBeUndefined();
  });
});
