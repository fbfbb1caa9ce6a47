import { DesktopRecord } from '../store';

/**
 * Desktops idle stop must leave running although nobody used them for
 * `desktops.idleStopMinutes` (see classIdleStopExemptions).
 */
export interface IdleStopExemptions {
  /** Whether idle stop must leave `desktop` running at `now`. */
  isExempt(desktop: DesktopRecord, now: Date): Promise<boolean>;
}
