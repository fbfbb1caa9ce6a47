/** Bytes per pixel on the wire, in the format the reader asks for: R, G, B, pad. */
export const WIRE_BYTES_PER_PIXEL = 4;

/** Bytes per pixel kept: R, G, B. */
export const BYTES_PER_PIXEL = 3;

/**
 * A copy of a display's screen, 3 bytes per pixel (R, G, B), what `sharp`
 * reads as raw RGB. The pad byte of the wire format is dropped as rows are
 * written: only changed pixels pay for it, where dropping it from the whole
 * screen in sharp cost six times the encoding itself. Every write is checked
 * against the size here as well as in the reader: a rectangle outside the
 * screen is refused, never clipped.
 */
export class Framebuffer {
  readonly data: Buffer;

  constructor(readonly width: number, readonly height: number) {
    this.data = Buffer.alloc(width * height * BYTES_PER_PIXEL);
  }

  /** Whether the rectangle lies entirely on the screen. */
  contains(x: number, y: number, w: number, h: number): boolean {
    return (
      Number.isInteger(x) &&
      Number.isInteger(y) &&
      Number.isInteger(w) &&
      Number.isInteger(h) &&
      x >= 0 &&
      y >= 0 &&
      w >= 0 &&
      h >= 0 &&
      x + w <= this.width &&
      y + h <= this.height
    );
  }

  /**
   * Writes whole rows of `w` pixels starting at (x, y): `pixels` holds
   * `pixels.length / (w * 4)` of them in the wire format, top to bottom.
   */
  putRows(x: number, y: number, w: number, pixels: Buffer): void {
    const wireRow = w * WIRE_BYTES_PER_PIXEL;
    if (wireRow === 0) return;
    const rows = pixels.length / wireRow;
    if (!Number.isInteger(rows) || !this.contains(x, y, w, rows)) {
      throw new RangeError(
        `Rows ${w}x${rows} at ${x},${y} do not fit the ${this.width}x${this.height} screen`,
      );
    }
    const data = this.data;
    const stride = this.width * BYTES_PER_PIXEL;
    let from = 0;
    for (let row = 0; row < rows; row++) {
      let to = (y + row) * stride + x * BYTES_PER_PIXEL;
      for (let i = 0; i < w; i++) {
        data[to] = pixels[from];
        data[to + 1] = pixels[from + 1];
        data[to + 2] = pixels[from + 2];
        to += BYTES_PER_PIXEL;
        from += WIRE_BYTES_PER_PIXEL;
      }
    }
  }

  /** CopyRect: the w×h pixels at (srcX, srcY) also appear at (x, y). */
  copyRect(
    srcX: number,
    srcY: number,
    x: number,
    y: number,
    w: number,
    h: number,
  ): void {
    if (!this.contains(srcX, srcY, w, h) || !this.contains(x, y, w, h)) {
      throw new RangeError(
        `CopyRect ${w}x${h} from ${srcX},${srcY} to ${x},${y} leaves the ${this.width}x${this.height} screen`,
      );
    }
    const stride = this.width * BYTES_PER_PIXEL;
    const rowBytes = w * BYTES_PER_PIXEL;
    // Overlapping areas: when moving down, copy the bottom rows first so no
    // source row is overwritten before it is read (within a row,
    // Buffer#copy already behaves like memmove).
    const downwards = y > srcY;
    for (let i = 0; i < h; i++) {
      const row = downwards ? h - 1 - i : i;
      const from = (srcY + row) * stride + srcX * BYTES_PER_PIXEL;
      this.data.copy(
        this.data,
        (y + row) * stride + x * BYTES_PER_PIXEL,
        from,
        from + rowBytes,
      );
    }
  }
}
