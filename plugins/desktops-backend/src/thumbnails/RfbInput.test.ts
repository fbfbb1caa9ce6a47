import { RfbInput } from './RfbInput';

describe('RfbInput', () => {
  it('pauses the socket while more than its high water waits unread, and resumes once read', async () => {
    const calls: string[] = [];
    const input = new RfbInput(
      { pause: () => calls.push('pause'), resume: () => calls.push('resume') },
      8,
    );
    input.push(Buffer.from('abcde'));
    expect(calls).toEqual([]);
    input.push(Buffer.from('fghij'));
    expect(calls).toEqual(['pause']);
    expect((await input.read(3)).toString()).toBe('abc');
    expect(calls).toEqual(['pause', 'resume']);
    expect((await input.read(7)).toString()).toBe('defghij');
  });

  it('reads exact amounts across chunks, skips, and fails pending and later reads', async () => {
    const input = new RfbInput({ pause: () => {}, resume: () => {} }, 4);
    const pending = input.read(3);
    input.push(Buffer.from('a'));
    input.push(Buffer.from('bcd'));
    expect((await pending).toString()).toBe('abc');
    const skipped = input.skip(6);
    input.push(Buffer.from('efghi'));
    input.push(Buffer.from('jk'));
    await skipped;
    expect((await input.read(1)).toString()).toBe('j');
    await expect(input.read(5)).rejects.toThrow(/at most 4 bytes/);
    const waiting = input.read(2);
    input.fail(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    await expect(input.read(1)).rejects.toThrow('gone');
  });
});
