import { Framebuffer } from './Framebuffer';

/** The screen as rows of pixel numbers (the red byte). */
const reds = (fb: Framebuffer) =>
  Array.from({ length: fb.height }, (_, y) =>
    Array.from(
      { length: fb.width },
      (__, x) => fb.data[(y * fb.width + x) * 3],
    ),
  );

/** Wire pixels (R, G, B, pad) whose red byte is each of `values`. */
const wire = (values: number[]) =>
  Buffer.from(values.flatMap(v => [v, 0, 0, 0]));

describe('Framebuffer', () => {
  it('keeps R, G and B of each wire pixel and drops the pad byte', () => {
    const fb = new Framebuffer(2, 1);
    fb.putRows(0, 0, 2, Buffer.from([1, 2, 3, 99, 4, 5, 6, 99]));
    expect([...fb.data]).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('copies overlapping rectangles as if through a temporary copy, in every direction', () => {
    const start = () => {
      const fb = new Framebuffer(4, 4);
      fb.putRows(0, 0, 4, wire([...Array(16).keys()]));
      return fb;
    };
    const down = start();
    down.copyRect(0, 0, 0, 1, 4, 3);
    expect(reds(down)).toEqual([
      [0, 1, 2, 3],
      [0, 1, 2, 3],
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    const up = start();
    up.copyRect(0, 1, 0, 0, 4, 3);
    expect(reds(up)[0]).toEqual([4, 5, 6, 7]);
    expect(reds(up)[2]).toEqual([12, 13, 14, 15]);
    const right = start();
    right.copyRect(0, 0, 1, 0, 3, 1);
    expect(reds(right)[0]).toEqual([0, 0, 1, 2]);
  });

  it('refuses writes and copies off the screen instead of clipping them', () => {
    const fb = new Framebuffer(4, 4);
    expect(() => fb.putRows(3, 0, 2, wire([1, 2]))).toThrow(RangeError);
    expect(() => fb.putRows(0, 3, 4, wire(Array(8).fill(1)))).toThrow(
      /Rows 4x2 at 0,3 do not fit the 4x4 screen/,
    );
    expect(() => fb.putRows(0, 0, 2, Buffer.alloc(5))).toThrow(RangeError);
    expect(() => fb.copyRect(3, 3, 0, 0, 2, 2)).toThrow(
      /leaves the 4x4 screen/,
    );
    expect(() => fb.copyRect(0, 0, 3, 3, 2, 2)).toThrow(
      /leaves the 4x4 screen/,
    );
  });
});
