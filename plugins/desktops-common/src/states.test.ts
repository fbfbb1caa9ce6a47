import { canTransition, DESKTOP_TRANSITIONS } from './states';
import { DesktopState } from './types';

describe('desktop state machine', () => {
  const states = Object.keys(DESKTOP_TRANSITIONS) as DesktopState[];

  it('follows pending → starting → running → stopping → stopped', () => {
    const path: DesktopState[] = [
      'pending',
      'starting',
      'running',
      'stopping',
      'stopped',
      'starting',
    ];
    for (let i = 1; i < path.length; i++) {
      expect(canTransition(path[i - 1], path[i])).toBe(true);
    }
  });

  it('refuses skipping states and self-transitions', () => {
    expect(canTransition('stopped', 'running')).toBe(false);
    expect(canTransition('pending', 'running')).toBe(false);
    expect(canTransition('running', 'stopped')).toBe(false);
    expect(states.filter(state => canTransition(state, state))).toEqual([]);
  });

  it('lets every state fail into error or recover from it', () => {
    expect(
      states.filter(s => s !== 'error' && !canTransition(s, 'error')),
    ).toEqual([]);
    expect(canTransition('error', 'starting')).toBe(true);
  });
});
