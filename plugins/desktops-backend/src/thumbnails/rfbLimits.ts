/**
 * What the thumbnail reader accepts from a display. The desktop's user can
 * replace its display server with anything that speaks on the socket, so
 * every size it sends is checked against these before memory is taken or a
 * byte is written, and anything beyond them ends the reader.
 */
export const RFB_LIMITS = {
  /** Widest or tallest screen: 8K. */
  maxSide: 8192,
  /** Largest screen area: 16 Mpx (64 MiB of framebuffer). 5K is 14.7 Mpx. */
  maxPixels: 16 * 1024 * 1024,
  /** Longest desktop name in ServerInit. */
  maxNameBytes: 4096,
  /** Longest clipboard text (skipped unread); TigerVNC's own default is 256 KiB. */
  maxCutTextBytes: 1024 * 1024,
  /** All clipboard text between two screen updates. */
  maxCutTextBytesBetweenUpdates: 8 * 1024 * 1024,
  /** Bells and clipboard messages between two screen updates. */
  maxMessagesBetweenUpdates: 1000,
} as const;

/** A display broke the protocol or went past RFB_LIMITS. */
export class RfbProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RfbProtocolError';
  }
}

/** Refuses a screen size outside the limits, saying what was sent. */
export function checkScreenSize(
  width: number,
  height: number,
  where: string,
): void {
  const { maxSide, maxPixels } = RFB_LIMITS;
  if (width < 1 || height < 1 || width > maxSide || height > maxSide) {
    throw new RfbProtocolError(
      `The display announced a ${width}x${height} screen in ${where}; each side must be 1 to ${maxSide} pixels`,
    );
  }
  if (width * height > maxPixels) {
    throw new RfbProtocolError(
      `The display announced a ${width}x${height} screen in ${where}; more than ${maxPixels} pixels is refused`,
    );
  }
}
