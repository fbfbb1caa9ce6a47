import { ByteQueue } from './ByteQueue';

describe('ByteQueue', () => {
  it('reads exact byte counts across and within chunks', async () => {
    const queue = new ByteQueue();
    const first = queue.read(5);
    queue.push(Buffer.from('ab'));
    queue.push(Buffer.from('cdefg'));
    expect((await first).toString()).toBe('abcde');
    queue.push(Buffer.from('hij'));
    expect((await queue.read(1)).toString()).toBe('f');
    expect(queue.takeRest().toString()).toBe('ghij');
    expect(queue.takeRest()).toHaveLength(0);
  });

  it('fails pending and later reads once failed, but serves what is buffered', async () => {
    const queue = new ByteQueue();
    queue.push(Buffer.from('xy'));
    const pending = queue.read(3);
    queue.fail(new Error('closed'));
    await expect(pending).rejects.toThrow('closed');
    await expect(queue.read(2)).resolves.toEqual(Buffer.from('xy'));
    await expect(queue.read(1)).rejects.toThrow('closed');
  });
});

describe('ByteQueue with back-pressure, failing fast', () => {
  it('pauses the socket while more than its high water waits unread, and resumes once read', async () => {
    const calls: string[] = [];
    const queue = new ByteQueue({
      backPressure: {
        flow: {
          pause: () => calls.push('pause'),
          resume: () => calls.push('resume'),
        },
        highWater: 8,
      },
    });
    queue.push(Buffer.from('abcde'));
    expect(calls).toEqual([]);
    queue.push(Buffer.from('fghij'));
    expect(calls).toEqual(['pause']);
    expect((await queue.read(3)).toString()).toBe('abc');
    expect(calls).toEqual(['pause', 'resume']);
    expect((await queue.read(7)).toString()).toBe('defghij');
  });

  it('reads exact amounts across chunks, skips, and fails pending and later reads at once', async () => {
    const queue = new ByteQueue({
      backPressure: {
        flow: { pause: () => {}, resume: () => {} },
        highWater: 4,
      },
      failFast: true,
    });
    const pending = queue.read(3);
    queue.push(Buffer.from('a'));
    queue.push(Buffer.from('bcd'));
    expect((await pending).toString()).toBe('abc');
    const skipped = queue.skip(6);
    queue.push(Buffer.from('efghi'));
    queue.push(Buffer.from('jk'));
    await skipped;
    expect((await queue.read(1)).toString()).toBe('j');
    await expect(queue.read(5)).rejects.toThrow(/at most 4 bytes/);
    const waiting = queue.read(2);
    queue.fail(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    // 'k' is still buffered, but a failed fast queue serves nothing more.
    await expect(queue.read(1)).rejects.toThrow('gone');
  });
});
