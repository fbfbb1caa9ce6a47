import { useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Content, EmptyState, Header, Page } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  isAdmin,
  useCurrentAccount,
} from '@internal/backstage-plugin-accounts-react';
import {
  ConfirmDialog,
  DismissibleError,
  errorMessage,
  LoadStatus,
} from '@internal/backstage-plugin-labstage-react';
import type {
  Desktop,
  DesktopImage,
} from '@internal/backstage-plugin-desktops-common';
import { Grid, makeStyles, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { useDesktopsApi } from '../../api/hooks';
import { useMyDesktops } from '../../hooks/useLiveDesktops';
import { useDesktopLink } from '../common/links';
import { MyImagesPanel } from '../MyImages/MyImagesPanel';
import { SaveImageDialog } from '../SaveImage/SaveImageDialog';
import { ShareDialog } from '../Sharing/ShareDialog';
import { SharedWithMeSection } from '../Sharing/SharedWithMeSection';
import { VisitorsDialog } from '../Visitors/VisitorsDialog';
import { AllDesktopsPanel } from './AllDesktopsPanel';
import { DesktopCard } from './DesktopCard';
import { NewDesktopPanel } from './NewDesktopPanel';
import { RenameDialog } from './RenameDialog';

const useStyles = makeStyles(theme => ({
  sectionHeading: { marginBottom: theme.spacing(2) },
  alert: { marginBottom: theme.spacing(3) },
}));

/** Newest activity first; a desktop in use is what people look for. */
function byLastUse(a: Desktop, b: Desktop): number {
  const t = (d: Desktop) =>
    Date.parse(d.lastActiveAt ?? d.startedAt ?? d.createdAt) || 0;
  return t(b) - t(a) || a.name.localeCompare(b.name);
}

export const DesktopsPage = () => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const account = useCurrentAccount();
  const alertApi = useApi(alertApiRef);
  const navigate = useNavigate();
  const desktopLink = useDesktopLink();
  const { desktops, quota, loading, error, upsert, remove } = useMyDesktops();
  const images = useAsync(() => api.listImages(), [api]);
  const [actionError, setActionError] = useState<string>();
  const [renaming, setRenaming] = useState<Desktop>();
  const [deleting, setDeleting] = useState<Desktop>();
  const [saving, setSaving] = useState<Desktop>();
  const [sharing, setSharing] = useState<Desktop>();
  const [visitorsOf, setVisitorsOf] = useState<Desktop>();
  // Bumped when a save starts, so My images lists it at once.
  const [savesStarted, setSavesStarted] = useState(0);
  // Keeps the dialog's text while it fades out after `deleting` is cleared.
  const shownDeleting = useRef<Desktop>();
  if (deleting) shownDeleting.current = deleting;

  /** Runs a user action; the server's reason is shown when it refuses. */
  const attempt = async (action: () => Promise<void>) => {
    setActionError(undefined);
    try {
      await action();
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  // The viewer shows the launch progress and connects once it is running.
  const launch = (image: DesktopImage) =>
    attempt(async () => {
      const desktop = await api.createDesktop({ imageId: image.id });
      upsert(desktop);
      navigate(desktopLink(desktop.id));
    });

  const start = (desktop: Desktop) =>
    attempt(async () => {
      upsert(await api.startDesktop(desktop.id));
      navigate(desktopLink(desktop.id));
    });

  const stop = (desktop: Desktop) =>
    attempt(async () => {
      upsert(await api.stopDesktop(desktop.id));
    });

  const sorted = desktops ? [...desktops].sort(byLastUse) : undefined;

  return (
    <Page themeId="home">
      <Header
        title="My desktops"
        subtitle="Linux desktops in your browser. Stopping one keeps your files."
      />
      <Content>
        <DismissibleError
          message={actionError}
          onDismiss={() => setActionError(undefined)}
          className={classes.alert}
        />
        <section aria-labelledby="my-desktops-heading">
          <Typography
            variant="h5"
            component="h2"
            id="my-desktops-heading"
            className={classes.sectionHeading}
          >
            Your desktops
          </Typography>
          <LoadStatus
            loading={loading && !desktops}
            error={desktops ? undefined : error}
          />
          {sorted && sorted.length === 0 && (
            <EmptyState
              missing="data"
              title="No desktops yet"
              description="Launch one from the images below. It opens in your browser in a few seconds, and your files stay in its home folder until you delete it."
            />
          )}
          {sorted && sorted.length > 0 && (
            <Grid container spacing={3}>
              {sorted.map(desktop => (
                <Grid item xs={12} sm={6} lg={4} key={desktop.id}>
                  <DesktopCard
                    desktop={desktop}
                    onStart={start}
                    onStop={stop}
                    onRename={setRenaming}
                    onSaveImage={setSaving}
                    onDelete={setDeleting}
                    onShare={setSharing}
                    onVisitors={setVisitorsOf}
                  />
                </Grid>
              ))}
            </Grid>
          )}
        </section>
        <SharedWithMeSection />
        <NewDesktopPanel
          images={images.value}
          imagesError={images.error}
          quota={quota}
          onLaunch={launch}
        />
        <MyImagesPanel refreshKey={savesStarted} />
        {isAdmin(account.value?.role) && <AllDesktopsPanel />}
      </Content>
      <RenameDialog
        desktop={renaming}
        onClose={() => setRenaming(undefined)}
        onRename={async (desktop, name) => {
          upsert(await api.renameDesktop(desktop.id, name));
        }}
      />
      <SaveImageDialog
        desktop={saving}
        onClose={() => setSaving(undefined)}
        onStarted={() => setSavesStarted(n => n + 1)}
      />
      <ShareDialog desktop={sharing} onClose={() => setSharing(undefined)} />
      <VisitorsDialog
        desktop={visitorsOf}
        onClose={() => setVisitorsOf(undefined)}
      />
      <ConfirmDialog
        open={Boolean(deleting)}
        title={`Delete “${shownDeleting.current?.name ?? ''}”?`}
        confirmLabel="Delete desktop"
        destructive
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return;
          const target = deleting;
          await attempt(async () => {
            await api.deleteDesktop(target.id);
            remove(target.id);
            alertApi.post({
              message: `Deleted ${target.name}.`,
              severity: 'success',
              display: 'transient',
            });
          });
          setDeleting(undefined);
        }}
      >
        {shownDeleting.current?.state === 'running' &&
          'It will be stopped first. '}
        Its home directory will be deleted with every file in it. This cannot be
        undone.
      </ConfirmDialog>
    </Page>
  );
};
