import { ControlState } from './ControlState';

describe('ControlState', () => {
  const desk = 'abcdefabcdef';
  const alice = 'user:default/alice';
  const bob = 'user:default/bob';
  const carol = 'user:default/carol';
  const kim = 'user:default/kim';

  function setup() {
    let clock = Date.parse('2026-11-29T10:00:00.000Z');
    const state = new ControlState({ now: () => new Date(clock) });
    const changes: string[] = [];
    state.onChange(id => changes.push(id));
    return { state, changes, tick: (ms: number) => (clock += ms) };
  }

  it("lets only the owner's input through until someone holds the control", () => {
    const { state } = setup();
    expect(state.mayInput(desk, alice, alice)).toBe(true);
    expect(state.mayInput(desk, alice, 'user:default/ALICE')).toBe(true);
    expect(state.mayInput(desk, alice, bob)).toBe(false);
    expect(state.holder(desk)).toBeUndefined();
  });

  it('keeps requests until the owner grants one, then lets only the holder (and the owner) in', () => {
    const { state, changes, tick } = setup();
    expect(state.request(desk, bob)).toBe(true);
    tick(1000);
    expect(state.request(desk, carol)).toBe(true);
    // asking twice changes nothing
    expect(state.request(desk, 'user:default/BOB')).toBe(false);
    expect(state.requests(desk).map(r => r.userEntityRef)).toEqual([
      bob,
      carol,
    ]);
    expect(state.hasRequested(desk, carol)).toBe(true);

    expect(state.give(desk, carol, 'granted')).toBeUndefined();
    expect(state.holder(desk)).toEqual({
      userEntityRef: carol,
      since: new Date('2026-11-29T10:00:01.000Z'),
      how: 'granted',
    });
    expect(state.requests(desk).map(r => r.userEntityRef)).toEqual([bob]);
    expect(state.mayInput(desk, alice, carol)).toBe(true);
    expect(state.mayInput(desk, alice, bob)).toBe(false);
    expect(state.mayInput(desk, alice, alice)).toBe(true);
    // the holder asking again is a no-op
    expect(state.request(desk, carol)).toBe(false);
    expect(changes).toEqual([desk, desk, desk]);
  });

  it('holds one person at a time: a new grant or a take replaces the holder', () => {
    const { state } = setup();
    state.give(desk, bob, 'granted');
    const previous = state.give(desk, kim, 'taken');
    expect(previous?.userEntityRef).toBe(bob);
    expect(state.holder(desk)?.how).toBe('taken');
    expect(state.mayInput(desk, alice, bob)).toBe(false);
    expect(state.mayInput(desk, alice, kim)).toBe(true);
  });

  it('releases to the owner: by the owner always, by someone else only if they hold it', () => {
    const { state } = setup();
    state.give(desk, bob, 'granted');
    expect(state.release(desk, carol)).toBeUndefined();
    expect(state.mayInput(desk, alice, bob)).toBe(true);
    expect(state.release(desk, bob)?.userEntityRef).toBe(bob);
    expect(state.mayInput(desk, alice, bob)).toBe(false);

    state.give(desk, bob, 'granted');
    expect(state.release(desk)?.userEntityRef).toBe(bob);
    expect(state.holder(desk)).toBeUndefined();
    expect(state.release(desk)).toBeUndefined();
  });

  it('forgets a person whose share went away, and a stopped desktop', () => {
    const { state, changes } = setup();
    state.give(desk, bob, 'granted');
    state.request(desk, carol);
    expect(state.forget(desk, 'user:default/Bob')).toBe(true);
    expect(state.mayInput(desk, alice, bob)).toBe(false);
    expect(state.forget(desk, bob)).toBe(false);
    expect(state.cancelRequest(desk, carol)).toBe(true);
    expect(state.cancelRequest(desk, carol)).toBe(false);
    expect(state.requests(desk)).toEqual([]);

    state.give('zzzzzzzzzzzz', kim, 'taken');
    expect(state.forgetDesktop('zzzzzzzzzzzz')).toBe(true);
    expect(state.holder('zzzzzzzzzzzz')).toBeUndefined();
    expect(state.forgetDesktop('zzzzzzzzzzzz')).toBe(false);
    expect(changes.length).toBe(6);
  });

  it('keeps desktops apart', () => {
    const { state } = setup();
    state.give(desk, bob, 'granted');
    expect(state.mayInput('zzzzzzzzzzzz', alice, bob)).toBe(false);
  });
});
