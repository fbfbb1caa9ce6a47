import { KeyedQueue } from './KeyedQueue';

describe('KeyedQueue', () => {
  it('runs tasks of one key in order, one at a time, past failures', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>(r => {
      release = r;
    });
    const first = queue.run('a', async () => {
      log.push('a1 start');
      await gate;
      log.push('a1 end');
      throw new Error('a1 failed');
    });
    const second = queue.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = queue.run('b', async () => {
      log.push('b1');
    });
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    expect(queue.busy('a')).toBe(true);
    release();
    await expect(first).rejects.toThrow('a1 failed');
    await expect(second).resolves.toBe(2);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await new Promise(r => setImmediate(r));
    expect(queue.busy('a')).toBe(false);
  });
});
