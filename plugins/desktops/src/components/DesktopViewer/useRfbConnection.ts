import { useCallback, useEffect, useRef, useState } from 'react';
import type RFB from '@novnc/novnc';
import { errorMessage } from '@internal/backstage-plugin-labstage-react';
import type {
  ConnectMode,
  Desktop,
} from '@internal/backstage-plugin-desktops-common';
import { useDesktopsApi } from '../../api/hooks';
import type { ViewerSettings } from './settings';

export type ConnectionStatus =
  | { kind: 'idle' }
  | { kind: 'connecting' }
  | { kind: 'connected' }
  | { kind: 'reconnecting'; seconds: number; reason: string }
  | { kind: 'disconnected'; reason: string }
  /** The gateway closed with AccessRevoked: no reconnecting. */
  | { kind: 'revoked'; reason: string };

/**
 * The gateway's close code when the user may no longer use the connection
 * (share revoked, account disabled or demoted); see the backend's
 * gateway/closeCodes.ts. Reconnecting would only be refused again.
 */
export const ACCESS_REVOKED_CLOSE_CODE = 4403;

/** Seconds to wait before reconnect attempt n (1-based): 1, 2, 4, 8, 15, 15… */
export function backoffSeconds(attempt: number): number {
  return Math.min(15, 2 ** Math.max(0, attempt - 1));
}

/** After this many failed attempts in a row the viewer stops and asks. */
export const MAX_RECONNECT_ATTEMPTS = 8;

function applySettings(rfb: RFB, settings: ViewerSettings) {
  rfb.scaleViewport = settings.scaleViewport;
  rfb.resizeSession = settings.resizeSession;
  rfb.qualityLevel = settings.qualityLevel;
  rfb.compressionLevel = settings.compressionLevel;
}

/**
 * One noVNC connection to a running desktop through the gateway, with
 * automatic reconnects. Every (re)connect gets a fresh single-use ticket.
 * noVNC is imported on first connect: it is ES-module only and uses
 * top-level await, so it stays out of the page's main chunk (and of jest).
 */
export function useRfbConnection(options: {
  desktopId: string;
  /** Connect only while the desktop is running. */
  enabled: boolean;
  target: HTMLElement | null;
  mode: ConnectMode;
  /**
   * Sends no input even on a control connection (a controller or an
   * instructor before they hold the control). Changes apply without
   * reconnecting.
   */
  viewOnly?: boolean;
  settings: ViewerSettings;
  onClipboard: (text: string) => void;
  /** Re-reads the desktop after a drop, to tell a blip from a stop. */
  checkDesktop: () => Promise<Desktop | undefined>;
}) {
  const { desktopId, enabled, target, mode } = options;
  const api = useDesktopsApi();
  const [status, setStatus] = useState<ConnectionStatus>({ kind: 'idle' });
  const [generation, setGeneration] = useState(0);
  const rfbRef = useRef<RFB>();
  const settingsRef = useRef(options.settings);
  settingsRef.current = options.settings;
  const onClipboardRef = useRef(options.onClipboard);
  onClipboardRef.current = options.onClipboard;
  const checkRef = useRef(options.checkDesktop);
  checkRef.current = options.checkDesktop;
  const viewOnly = mode === 'view' || Boolean(options.viewOnly);
  const viewOnlyRef = useRef(viewOnly);
  viewOnlyRef.current = viewOnly;

  useEffect(() => {
    if (!enabled || !target) {
      setStatus({ kind: 'idle' });
      return undefined;
    }
    const screen: HTMLElement = target;
    let disposed = false;
    let attempts = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Set by securityfailure, reported by the disconnect that follows it.
    let refusal: string | undefined;
    // Set by the WebSocket's close event, which comes before noVNC's
    // disconnect (noVNC does not pass the close code on).
    let revoked: string | undefined;
    // Function declarations: a drop schedules a connect, and a connect may drop.
    async function retryLater(reason: string) {
      const desktop = await checkRef.current();
      if (disposed) return;
      // Only a known non-running state ends the retries: a failed read (the
      // backend restarting, say) is retried like the connection itself.
      if (desktop && desktop.state !== 'running') {
        // The page switches to the stopped/starting panel from the new state.
        setStatus({
          kind: 'disconnected',
          reason: 'the desktop is not running',
        });
        return;
      }
      attempts += 1;
      if (attempts > MAX_RECONNECT_ATTEMPTS) {
        setStatus({ kind: 'disconnected', reason });
        return;
      }
      let seconds = backoffSeconds(attempts);
      const tick = () => {
        if (disposed) return;
        if (seconds <= 0) {
          connect();
          return;
        }
        setStatus({ kind: 'reconnecting', seconds, reason });
        seconds -= 1;
        timer = setTimeout(tick, 1000);
      };
      tick();
    }

    async function connect() {
      setStatus({ kind: 'connecting' });
      refusal = undefined;
      revoked = undefined;
      let rfb: RFB;
      try {
        const [{ default: RFBClass }, ticket] = await Promise.all([
          import('@novnc/novnc'),
          api.issueTicket(desktopId, mode),
        ]);
        const url = await api.connectUrl(ticket);
        if (disposed) return;
        // Our own socket, handed to noVNC, so its close code can be read.
        const socket = new WebSocket(url);
        socket.addEventListener('close', event => {
          if (event.code === ACCESS_REVOKED_CLOSE_CODE) {
            revoked = event.reason || 'access revoked';
          }
        });
        rfb = new RFBClass(screen, socket, { shared: true });
      } catch (e) {
        if (!disposed) retryLater(errorMessage(e));
        return;
      }
      rfbRef.current = rfb;
      rfb.viewOnly = viewOnlyRef.current;
      rfb.background = '#1e1e1e';
      applySettings(rfb, settingsRef.current);
      rfb.addEventListener('connect', () => {
        if (disposed) return;
        attempts = 0;
        setStatus({ kind: 'connected' });
        // Typing should go to the desktop without a click first.
        rfb.focus();
      });
      rfb.addEventListener('securityfailure', event => {
        const detail = (event as CustomEvent<{ reason?: string }>).detail;
        refusal = detail?.reason || 'the desktop refused the connection';
      });
      rfb.addEventListener('clipboard', event => {
        const detail = (event as CustomEvent<{ text: string }>).detail;
        onClipboardRef.current(detail.text);
      });
      rfb.addEventListener('disconnect', event => {
        if (rfbRef.current === rfb) rfbRef.current = undefined;
        if (disposed) return;
        if (revoked) {
          setStatus({ kind: 'revoked', reason: revoked });
          return;
        }
        const clean = (event as CustomEvent<{ clean: boolean }>).detail?.clean;
        retryLater(
          refusal ??
            (clean ? 'the connection was closed' : 'the connection was lost'),
        );
      });
    }

    connect();
    return () => {
      disposed = true;
      if (timer) clearTimeout(timer);
      const rfb = rfbRef.current;
      rfbRef.current = undefined;
      rfb?.disconnect();
    };
  }, [api, desktopId, enabled, target, mode, generation]);

  // Settings apply to the live connection without reconnecting.
  useEffect(() => {
    if (rfbRef.current) applySettings(rfbRef.current, options.settings);
  }, [options.settings]);

  useEffect(() => {
    if (rfbRef.current) rfbRef.current.viewOnly = viewOnly;
  }, [viewOnly]);

  const reconnect = useCallback(() => setGeneration(g => g + 1), []);
  const focus = useCallback(() => rfbRef.current?.focus(), []);
  const paste = useCallback((text: string) => {
    const rfb = rfbRef.current;
    if (!rfb) return false;
    rfb.clipboardPasteFrom(text);
    rfb.focus();
    return true;
  }, []);

  return { status, reconnect, focus, paste };
}
