import { ReadBufferPool } from './ReadBufferPool';

describe('ReadBufferPool', () => {
  it('hands out buffers of its size and reuses the ones given back', () => {
    const pool = new ReadBufferPool(1024, 2);
    const a = pool.take();
    const b = pool.take();
    expect(a).toHaveLength(1024);
    expect(b).not.toBe(a);
    pool.give(a);
    expect(pool.take()).toBe(a);
  });

  it('keeps at most maxFree idle buffers', () => {
    const pool = new ReadBufferPool(16, 2);
    const taken = [pool.take(), pool.take(), pool.take()];
    for (const buffer of taken) pool.give(buffer);
    const again = [pool.take(), pool.take(), pool.take()];
    expect(again.filter(buffer => taken.includes(buffer))).toHaveLength(2);
    expect(again.filter(buffer => !taken.includes(buffer))).toHaveLength(1);
  });
});
