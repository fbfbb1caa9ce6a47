import { useEffect, useMemo, useRef, useState } from 'react';
import { EmptyState } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ConfirmDialog,
  DismissibleError,
  errorMessage,
  LoadStatus,
  RelativeTime,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import type {
  ImageSave,
  SavedImage,
} from '@internal/backstage-plugin-desktops-common';
import {
  Chip,
  IconButton,
  LinearProgress,
  makeStyles,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import DeleteIcon from '@material-ui/icons/Delete';
import { useDesktopsApi } from '../../api/hooks';
import { useImageSaves } from '../../hooks/useImageSaves';
import { formatBytes } from '../common/format';
import {
  activeStepOf,
  PHASE_LABELS,
  saveLabel,
  stepsOf,
} from '../SaveImage/saveSteps';

const useStyles = makeStyles(theme => ({
  heading: { margin: theme.spacing(4, 0, 1) },
  intro: { marginBottom: theme.spacing(2) },
  alert: { marginBottom: theme.spacing(2) },
  saves: { marginBottom: theme.spacing(2) },
  save: {
    padding: theme.spacing(1.5, 2),
    '& + &': { borderTop: `1px solid ${theme.palette.divider}` },
  },
  saveTitle: { fontFamily: 'monospace', fontWeight: 600 },
  progress: { marginTop: theme.spacing(1) },
  name: { fontWeight: 600 },
  chip: { marginRight: theme.spacing(0.5) },
}));

/** By name, then newest version first. */
function byNameThenVersion(a: SavedImage, b: SavedImage): number {
  return (
    a.name.localeCompare(b.name) ||
    b.createdAt.localeCompare(a.createdAt) ||
    b.tag.localeCompare(a.tag, undefined, { numeric: true })
  );
}

/** One save still running, or one that failed. */
const SaveRow = ({ save }: { save: ImageSave }) => {
  const classes = useStyles();
  const label = saveLabel(save);
  const steps = stepsOf(save);
  const step = Math.min(activeStepOf(save) + 1, steps.length);
  return (
    <div
      className={classes.save}
      role="group"
      aria-label={`Save of ${label}`}
      data-testid={`image-save-${save.id}`}
    >
      <Typography className={classes.saveTitle}>{label}</Typography>
      {save.state === 'saving' ? (
        <>
          <Typography variant="body2">
            {PHASE_LABELS[save.phase]} (step {step} of {steps.length})
          </Typography>
          {save.detail && (
            <Typography variant="body2" color="textSecondary">
              {save.detail}
            </Typography>
          )}
          <LinearProgress
            className={classes.progress}
            aria-label={`Saving ${label}`}
          />
        </>
      ) : (
        <Alert severity="error" className={classes.progress}>
          Saving failed{' '}
          {save.finishedAt && <RelativeTime iso={save.finishedAt} />}:{' '}
          {save.error ?? 'unknown error'} The desktop was not changed; save it
          again from its menu.
        </Alert>
      )}
    </div>
  );
};

/**
 * My saved images: each version with its size, age and the course
 * environments using it, a Delete that asks first, and the saves still
 * running (live) or failed on top.
 */
export const MyImagesPanel = (props: {
  /** Changed by the page when it started a save, to load the list again. */
  refreshKey?: number;
}) => {
  const classes = useStyles();
  const api = useDesktopsApi();
  const alertApi = useApi(alertApiRef);
  const list = useReloadableAsync(
    () => api.listSavedImages(),
    [api, props.refreshKey],
  );
  const { retry } = list;
  const live = useImageSaves({
    all: true,
    onSettled: save => {
      if (save.state === 'succeeded') retry();
    },
  });
  const { track, forget } = live;
  const [deleting, setDeleting] = useState<SavedImage>();
  // Keeps the dialog's text while it fades out after `deleting` is cleared.
  const shownDeleting = useRef<SavedImage>();
  if (deleting) shownDeleting.current = deleting;
  const [deleted, setDeleted] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string>();

  useEffect(() => {
    if (list.value) track(list.value.saves);
  }, [list.value, track]);

  // A save that just succeeded shows its image before the list is reloaded.
  const images = useMemo(() => {
    if (!list.value) return undefined;
    const byId = new Map<string, SavedImage>();
    for (const save of live.saves) {
      if (save.state === 'succeeded' && save.image) {
        byId.set(save.image.id, save.image);
      }
    }
    for (const image of list.value.items) byId.set(image.id, image);
    return [...byId.values()]
      .filter(image => !deleted.has(image.id))
      .sort(byNameThenVersion);
  }, [list.value, live.saves, deleted]);
  const saves = live.saves.filter(s => s.state !== 'succeeded');

  const remove = async (image: SavedImage) => {
    const label = `${image.name}:${image.tag}`;
    setActionError(undefined);
    try {
      await api.deleteSavedImage(image.id);
      setDeleted(ids => new Set(ids).add(image.id));
      forget(save => save.image?.id === image.id);
      alertApi.post({
        message: `Deleted ${label}.`,
        severity: 'success',
        display: 'transient',
      });
      retry();
    } catch (e) {
      setActionError(errorMessage(e));
    }
  };

  const empty = images && images.length === 0 && saves.length === 0;
  const shown = shownDeleting.current;

  return (
    <section aria-labelledby="my-images-heading" id="my-images">
      <Typography
        variant="h5"
        component="h2"
        id="my-images-heading"
        className={classes.heading}
      >
        My images
      </Typography>
      <Typography
        variant="body2"
        color="textSecondary"
        className={classes.intro}
      >
        Desktops you saved, with everything installed in them and their home
        folders. Each save is a new version.
      </Typography>
      <DismissibleError
        message={actionError}
        onDismiss={() => setActionError(undefined)}
        className={classes.alert}
      />
      <LoadStatus
        loading={list.loading && !list.value}
        error={list.value ? undefined : list.error}
      />
      {saves.length > 0 && (
        <Paper className={classes.saves} role="region" aria-label="Saves">
          {saves.map(save => (
            <SaveRow key={save.id} save={save} />
          ))}
        </Paper>
      )}
      {empty && (
        <EmptyState
          missing="data"
          title="No saved images yet"
          description="Open a desktop's menu and choose Save as image. Everything installed in the desktop and its home folder is saved as a version here."
        />
      )}
      {images && images.length > 0 && (
        <Paper>
          <Table size="small" aria-label="My images">
            <TableHead>
              <TableRow>
                <TableCell>Name</TableCell>
                <TableCell>Version</TableCell>
                <TableCell>Size</TableCell>
                <TableCell>Saved</TableCell>
                <TableCell>Used by</TableCell>
                <TableCell align="right">Actions</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {images.map(image => {
                const label = `${image.name}:${image.tag}`;
                return (
                  <TableRow
                    key={image.id}
                    data-testid={`saved-image-${image.id}`}
                  >
                    <TableCell className={classes.name}>{image.name}</TableCell>
                    <TableCell>
                      <Tooltip title={image.ref}>
                        <span>{image.tag}</span>
                      </Tooltip>
                    </TableCell>
                    <TableCell>{formatBytes(image.sizeBytes)}</TableCell>
                    <TableCell>
                      <RelativeTime iso={image.createdAt} />
                    </TableCell>
                    <TableCell>
                      {image.usedBy.length === 0
                        ? '—'
                        : image.usedBy.map(use => (
                            <Tooltip
                              key={`${use.courseId}:${use.version}`}
                              title={`Course ${use.courseId}`}
                            >
                              <Chip
                                size="small"
                                className={classes.chip}
                                label={`course version ${use.version}`}
                              />
                            </Tooltip>
                          ))}
                    </TableCell>
                    <TableCell align="right">
                      <Tooltip title={`Delete ${label}`}>
                        <IconButton
                          size="small"
                          aria-label={`Delete ${label}`}
                          onClick={() => setDeleting(image)}
                        >
                          <DeleteIcon fontSize="small" />
                        </IconButton>
                      </Tooltip>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Paper>
      )}
      <ConfirmDialog
        open={Boolean(deleting)}
        title={`Delete ${shown ? `${shown.name}:${shown.tag}` : ''}?`}
        confirmLabel="Delete image"
        destructive
        onClose={() => setDeleting(undefined)}
        onConfirm={async () => {
          if (!deleting) return;
          await remove(deleting);
          setDeleting(undefined);
        }}
      >
        Desktops already made from it keep working; it can't be undone.
      </ConfirmDialog>
    </section>
  );
};
