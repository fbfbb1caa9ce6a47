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
