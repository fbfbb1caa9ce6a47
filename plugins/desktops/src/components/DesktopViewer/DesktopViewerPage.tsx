import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useRouteRefParams } from '@backstage/frontend-plugin-api';
import {
  errorMessage,
  saveBlob,
} from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  Chip,
  IconButton,
  LinearProgress,
  makeStyles,
  Snackbar,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import ArrowBackIcon from '@material-ui/icons/ArrowBack';
import AssignmentIcon from '@material-ui/icons/Assignment';
import CloudDownloadIcon from '@material-ui/icons/CloudDownload';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import FullscreenIcon from '@material-ui/icons/Fullscreen';
import FullscreenExitIcon from '@material-ui/icons/FullscreenExit';
import SaveAltIcon from '@material-ui/icons/SaveAlt';
import StopIcon from '@material-ui/icons/Stop';
import { useDesktopsApi } from '../../api/hooks';
import { useLiveDesktop } from '../../hooks/useLiveDesktops';
import { usePresence } from '../../hooks/usePresence';
import { useMyEntityRef } from '../../hooks/useSignalChannel';
import { PresenceBar } from '../Presence/PresenceBar';
import { desktopRouteRef } from '../../routes';
import { useDesktopsLink } from '../common/links';
import { SaveImageDialog } from '../SaveImage/SaveImageDialog';
import { ClipboardPanel } from './ClipboardPanel';
import { ControlBar, hasInput } from './ControlBar';
import { DownloadDialog } from './DownloadDialog';
import { QualityMenu } from './QualityMenu';
import { RaiseHandButton } from './RaiseHandButton';
import { ScheduledStopBanner } from './ScheduledStopBanner';
import { useViewerSettings } from './settings';
import { statusLabel } from './statusLabel';
import { useFullscreen } from './useFullscreen';
import { useRfbConnection } from './useRfbConnection';
import { ticketMode, useViewerAccess } from './useViewerAccess';
import { ViewerOverlay } from './ViewerOverlay';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    minHeight: 0,
    backgroundColor: theme.palette.background.default,
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.5, 1),
    minHeight: 48,
    borderBottom: `1px solid ${theme.palette.divider}`,
    backgroundColor: theme.palette.background.paper,
    flexWrap: 'wrap',
  },
  name: {
    fontWeight: 600,
    maxWidth: 280,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
  },
  spacer: { flexGrow: 1 },
  main: { flex: 1, display: 'flex', minHeight: 0 },
  screenWrap: {
    flex: 1,
    position: 'relative',
    minWidth: 0,
    backgroundColor: '#1e1e1e',
  },
  screen: { position: 'absolute', inset: 0, overflow: 'hidden' },
  connected: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.common.white,
  },
  hiddenInput: { display: 'none' },
}));

type Notice = { severity: 'success' | 'error' | 'info'; message: string };

/**
 * The desktop in the page: waits until it runs, then connects noVNC through
 * the gateway, with clipboard, files, display options and reconnects.
 */
export const DesktopViewerPage = () => {
  const classes = useStyles();
  const { desktopId } = useRouteRefParams(desktopRouteRef);
  const api = useDesktopsApi();
  const desktopsLink = useDesktopsLink();
  const navigate = useNavigate();
  const live = useLiveDesktop(desktopId);
  const { desktop } = live;
  const [settings, updateSettings] = useViewerSettings();
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [screen, setScreen] = useState<HTMLDivElement | null>(null);
  const [clipboardOpen, setClipboardOpen] = useState(false);
  const [clipboardText, setClipboardText] = useState('');
  const [downloadOpen, setDownloadOpen] = useState(false);
  const [saveImageOpen, setSaveImageOpen] = useState(false);
  const [upload, setUpload] = useState<{ name: string; fraction: number }>();
  const [notice, setNotice] = useState<Notice>();
  const [actionError, setActionError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const fullscreen = useFullscreen(root);

  const me = useMyEntityRef();
  const access = useViewerAccess(desktop, me);
  const isOwner = access === 'owner';
  const running = desktop?.state === 'running' && !live.deleted;
  const livePresence = usePresence(desktopId, running && Boolean(access));
  const { presence } = livePresence;
  const input = hasInput(access, presence, me);
  // Only the owner's window sizes the desktop: a visitor's resize would
  // change the owner's screen, and every resize closes connections that are
  // still in their handshake at that moment (Xvnc's rule).
  const connectionSettings = useMemo(
    () => (isOwner ? settings : { ...settings, resizeSession: false }),
    [isOwner, settings],
  );
  const connection = useRfbConnection({
    desktopId,
    // The ticket's mode depends on the caller's access, so wait for it.
    enabled: running && Boolean(access),
    target: screen,
    mode: access ? ticketMode(access) : 'view',
    viewOnly: !input,
    settings: connectionSettings,
    onClipboard: setClipboardText,
    checkDesktop: live.refresh,
  });
  const { status } = connection;
  const connected = status.kind === 'connected';

  const start = async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      live.set(await api.startDesktop(desktopId));
    } catch (e) {
      setActionError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setBusy(true);
    setActionError(undefined);
    try {
      live.set(await api.stopDesktop(desktopId));
    } catch (e) {
      setNotice({ severity: 'error', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };

  const uploadFile = async (file: File) => {
    setUpload({ name: file.name, fraction: 0 });
    try {
      const saved = await api.uploadFile(desktopId, file, fraction =>
        setUpload({ name: file.name, fraction }),
      );
      setNotice({
        severity: 'success',
        message: `Saved to ~/Uploads/${saved.name}`,
      });
    } catch (e) {
      setNotice({
        severity: 'error',
        message: `${file.name} was not uploaded: ${errorMessage(e)}`,
      });
    } finally {
      setUpload(undefined);
      connection.focus();
    }
  };

  const download = async (path: string) => {
    const file = await api.downloadFile(desktopId, path);
    saveBlob(file.blob, file.filename);
    connection.focus();
  };

  const label = statusLabel(status, desktop);
  const canSaveImage =
    isOwner &&
    !live.deleted &&
    (desktop?.state === 'running' || desktop?.state === 'stopped');

  return (
    <div className={classes.root} ref={setRoot}>
      <div className={classes.toolbar} role="toolbar" aria-label="Desktop">
        <Tooltip title="My desktops">
          <IconButton
            onClick={() => navigate(desktopsLink)}
            aria-label="Back to my desktops"
            size="small"
          >
            <ArrowBackIcon />
          </IconButton>
        </Tooltip>
        <Typography className={classes.name} component="h1">
          {desktop?.name ?? 'Desktop'}
        </Typography>
        <Chip
          size="small"
          data-testid="desktop-status"
          label={label}
          className={connected ? classes.connected : undefined}
          variant={connected ? 'default' : 'outlined'}
          aria-live="polite"
        />
        {upload && (
          <div style={{ width: 160 }} aria-label={`Uploading ${upload.name}`}>
            <Typography variant="caption" noWrap component="div">
              Uploading {upload.name}
            </Typography>
            <LinearProgress
              variant="determinate"
              value={Math.round(upload.fraction * 100)}
            />
          </div>
        )}
        <span className={classes.spacer} />
        {isOwner && desktop?.courseId && !live.deleted && (
          <RaiseHandButton
            desktopId={desktopId}
            courseId={desktop.courseId}
            onError={message => setNotice({ severity: 'error', message })}
          />
        )}
        <Tooltip title="Clipboard">
          <IconButton
            aria-label="Clipboard"
            aria-pressed={clipboardOpen}
            color={clipboardOpen ? 'primary' : 'default'}
            onClick={() => setClipboardOpen(o => !o)}
          >
            <AssignmentIcon />
          </IconButton>
        </Tooltip>
        {isOwner && (
          <>
            <Tooltip title="Upload a file to ~/Uploads">
              <span>
                <IconButton
                  aria-label="Upload a file"
                  disabled={!running || Boolean(upload)}
                  onClick={() => fileInput.current?.click()}
                >
                  <CloudUploadIcon />
                </IconButton>
              </span>
            </Tooltip>
            <input
              ref={fileInput}
              type="file"
              className={classes.hiddenInput}
              data-testid="desktop-upload-input"
              onChange={e => {
                const file = e.target.files?.[0];
                e.target.value = '';
                if (file) uploadFile(file);
              }}
            />
            <Tooltip title="Download a file">
              <span>
                <IconButton
                  aria-label="Download a file"
                  disabled={!running}
                  onClick={() => setDownloadOpen(true)}
                >
                  <CloudDownloadIcon />
                </IconButton>
              </span>
            </Tooltip>
            <Tooltip title="Save as image">
              <span>
                <IconButton
                  aria-label="Save as image"
                  disabled={!canSaveImage}
                  onClick={() => setSaveImageOpen(true)}
                >
                  <SaveAltIcon />
                </IconButton>
              </span>
            </Tooltip>
          </>
        )}
        <QualityMenu
          settings={connectionSettings}
          canResize={isOwner}
          onChange={updateSettings}
          onClose={connection.focus}
        />
        {fullscreen.supported && (
          <Tooltip
            title={fullscreen.active ? 'Exit full screen' : 'Full screen'}
          >
            <IconButton
              aria-label={
                fullscreen.active ? 'Exit full screen' : 'Full screen'
              }
              onClick={async () => {
                await fullscreen.toggle();
                connection.focus();
              }}
            >
              {fullscreen.active ? <FullscreenExitIcon /> : <FullscreenIcon />}
            </IconButton>
          </Tooltip>
        )}
        {isOwner &&
          (desktop?.state === 'running' || desktop?.state === 'starting') && (
            <Button
              variant="outlined"
              size="small"
              startIcon={<StopIcon />}
              onClick={stop}
              disabled={busy}
            >
              Stop
            </Button>
          )}
      </div>
      {desktop && running && (
        <>
          <PresenceBar presence={presence} me={me} />
          <ControlBar
            desktopId={desktopId}
            owner={desktop.owner}
            access={access}
            me={me}
            presence={presence}
            onPresence={livePresence.set}
          />
        </>
      )}
      <div className={classes.main}>
        <div className={classes.screenWrap}>
          <div
            className={classes.screen}
            ref={setScreen}
            data-testid="desktop-screen"
          />
          <ViewerOverlay
            desktop={desktop}
            deleted={live.deleted}
            loadError={live.error}
            status={status}
            busy={busy}
            actionError={actionError}
            canStart={isOwner || !access}
            onStart={start}
            onReconnect={connection.reconnect}
          />
        </div>
        {clipboardOpen && (
          <ClipboardPanel
            text={clipboardText}
            onTextChange={setClipboardText}
            canSend={connected && input}
            onSend={text => {
              if (connection.paste(text)) {
                setNotice({
                  severity: 'info',
                  message: 'Sent to the desktop clipboard. Paste it there.',
                });
              }
            }}
            onClose={() => {
              setClipboardOpen(false);
              connection.focus();
            }}
          />
        )}
      </div>
      <DownloadDialog
        open={downloadOpen}
        onClose={() => setDownloadOpen(false)}
        onDownload={download}
      />
      <SaveImageDialog
        desktop={saveImageOpen ? desktop : undefined}
        onClose={() => {
          setSaveImageOpen(false);
          connection.focus();
        }}
      />
      {isOwner && (
        <ScheduledStopBanner desktopId={desktopId} running={running} />
      )}
      <Snackbar
        open={Boolean(notice)}
        autoHideDuration={notice?.severity === 'error' ? null : 6000}
        onClose={() => setNotice(undefined)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'center' }}
      >
        {notice ? (
          <Alert
            severity={notice.severity}
            onClose={() => setNotice(undefined)}
          >
            {notice.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </div>
  );
};
