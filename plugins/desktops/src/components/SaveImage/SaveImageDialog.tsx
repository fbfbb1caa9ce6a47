import { useEffect, useRef, useState } from 'react';
import { Link } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  imageTagSchema,
  savedImageNameSchema,
  type Desktop,
  type ImageSave,
} from '@internal/backstage-plugin-desktops-common';
import {
  FormDialog,
  useFormAction,
} from '@internal/backstage-plugin-labstage-react';
import {
  Button,
  DialogActions,
  LinearProgress,
  makeStyles,
  Step,
  StepContent,
  StepLabel,
  Stepper,
  TextField,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';
import { useImageSaves } from '../../hooks/useImageSaves';
import { useDesktopsLink } from '../common/links';
import {
  activeStepOf,
  PHASE_LABELS,
  saveLabel,
  stepsOf,
  suggestImageName,
} from './saveSteps';

const useStyles = makeStyles(theme => ({
  explain: { marginBottom: theme.spacing(2) },
  field: { marginBottom: theme.spacing(2) },
  stepper: { padding: theme.spacing(1, 0) },
  reference: { fontFamily: 'monospace', wordBreak: 'break-all' },
  background: { marginTop: theme.spacing(1) },
}));

/** The first problem a schema found, or undefined when it passed. */
function problemOf(result: {
  success: boolean;
  error?: { issues: Array<{ message: string }> };
}): string | undefined {
  if (result.success) return undefined;
  return result.error?.issues[0]?.message ?? 'Not valid';
}

/** Where a save stands, as the dialog shows it. */
const SaveSteps = ({ save }: { save: ImageSave }) => {
  const classes = useStyles();
  const active = activeStepOf(save);
  return (
    <Stepper
      orientation="vertical"
      activeStep={active}
      className={classes.stepper}
      aria-label="Save progress"
    >
      {stepsOf(save).map((phase, index) => (
        <Step
          key={phase}
          aria-current={index === active ? 'step' : undefined}
          data-testid={`save-step-${phase}`}
        >
          <StepLabel error={save.state === 'failed' && index === active}>
            {PHASE_LABELS[phase]}
          </StepLabel>
          <StepContent>
            {save.state === 'saving' && save.detail && (
              <Typography variant="body2" color="textSecondary">
                {save.detail}
              </Typography>
            )}
          </StepContent>
        </Step>
      ))}
    </Stepper>
  );
};

/**
 * Saves a desktop as a version of one of my images: asks for a name (and
 * optionally a version), then follows the save through its phases. It can
 * be closed while saving; the save goes on, and a note says how it ended.
 */
export const SaveImageDialog = (props: {
  /** The desktop to save; the dialog is open while set. */
  desktop?: Desktop;
  onClose: () => void;
  /** Called once the server accepted a save. */
  onStarted?: (save: ImageSave) => void;
}) => {
  const { desktop, onClose, onStarted } = props;
  const classes = useStyles();
  const api = useDesktopsApi();
  const alertApi = useApi(alertApiRef);
  const desktopsLink = useDesktopsLink();
  const open = Boolean(desktop);
  // Keeps the dialog's text while it fades out after `desktop` is cleared.
  const shown = useRef<Desktop>();
  if (desktop) shown.current = desktop;

  const [name, setName] = useState('');
  const [tag, setTag] = useState('');
  const [nameProblem, setNameProblem] = useState<string>();
  const [tagProblem, setTagProblem] = useState<string>();
  const [saveId, setSaveId] = useState<string>();
  const { busy, error, setError, run } = useFormAction();
  const input = useRef<HTMLInputElement>(null);

  // Saves that end while nobody is looking are reported in a note.
  const watching = useRef<string>();
  watching.current = open ? saveId : undefined;
  const live = useImageSaves({
    onSettled: finished => {
      if (finished.id === watching.current) return;
      alertApi.post(
        finished.state === 'succeeded'
          ? {
              message: `Saved ${saveLabel(finished)}; it is in My images.`,
              severity: 'success',
              display: 'transient',
            }
          : {
              message: `Saving ${saveLabel(finished)} failed: ${
                finished.error ?? 'unknown error'
              }`,
              severity: 'error',
            },
      );
    },
  });
  const save = saveId ? live.saves.find(s => s.id === saveId) : undefined;

  // A fresh form each time the dialog opens, unless this desktop is still
  // being saved from here: then that save is shown again.
  const desktopId = desktop?.id;
  const latest = useRef({ name: '', saves: live.saves });
  latest.current = { name: desktop?.name ?? '', saves: live.saves };
  useEffect(() => {
    if (!desktopId) return;
    setName(suggestImageName(latest.current.name));
    setTag('');
    setNameProblem(undefined);
    setTagProblem(undefined);
    setError(undefined);
    setSaveId(
      latest.current.saves.find(
        s => s.desktopId === desktopId && s.state === 'saving',
      )?.id,
    );
  }, [desktopId, setError]);

  const submit = async () => {
    if (!desktop || busy) return;
    if (save && save.state !== 'failed') return;
    const parsedName = savedImageNameSchema.safeParse(name.trim());
    const version = tag.trim();
    const parsedTag = imageTagSchema.safeParse(version);
    const badName = problemOf(parsedName);
    const badTag = version ? problemOf(parsedTag) : undefined;
    setNameProblem(badName);
    setTagProblem(badTag);
    if (badName || badTag || !parsedName.success) return;
    await run(async () => {
      const started = await api.saveImage(desktop.id, {
        name: parsedName.data,
        ...(version ? { tag: version } : {}),
      });
      live.track([started]);
      setSaveId(started.id);
      onStarted?.(started);
    });
  };

  const explain =
    shown.current?.state === 'running'
      ? 'Everything installed in the desktop and its home folder. Your desktop keeps running.'
      : 'Everything installed in the desktop and its home folder. Your desktop is left as it is.';

  let actions;
  if (save?.state === 'succeeded') {
    actions = (
      <DialogActions>
        <Button color="primary" variant="contained" onClick={onClose}>
          Done
        </Button>
      </DialogActions>
    );
  } else if (save) {
    actions = (
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          Close
        </Button>
      </DialogActions>
    );
  }

  return (
    <FormDialog
      open={open}
      titleId="save-image-title"
      title={`Save “${shown.current?.name ?? ''}” as an image`}
      submitLabel="Save image"
      busy={busy}
      onSubmit={submit}
      onClose={onClose}
      error={error}
      focusRef={save ? undefined : input}
      maxWidth="sm"
      actions={actions}
    >
      {!save && (
        <>
          <Typography variant="body2" className={classes.explain}>
            {explain}
          </Typography>
          <TextField
            id="save-image-name"
            label="Image name"
            value={name}
            onChange={e => {
              setName(e.target.value);
              setNameProblem(undefined);
            }}
            error={Boolean(nameProblem)}
            helperText={
              nameProblem ??
              'Lowercase letters and digits, joined by "-", e.g. python-lab'
            }
            inputRef={input}
            className={classes.field}
            fullWidth
            variant="outlined"
            autoComplete="off"
          />
          <TextField
            id="save-image-version"
            label="Version (optional)"
            placeholder="next version, e.g. v2"
            value={tag}
            onChange={e => {
              setTag(e.target.value);
              setTagProblem(undefined);
            }}
            error={Boolean(tagProblem)}
            helperText={tagProblem}
            InputLabelProps={{ shrink: true }}
            fullWidth
            variant="outlined"
            autoComplete="off"
          />
        </>
      )}
      {save && (
        <>
          {save.state !== 'succeeded' && (
            <Typography variant="body2">
              Saving as{' '}
              <span className={classes.reference}>{saveLabel(save)}</span>
            </Typography>
          )}
          <SaveSteps save={save} />
          {save.state === 'saving' && (
            <>
              <LinearProgress aria-label={`Saving ${saveLabel(save)}`} />
              <Typography
                variant="body2"
                color="textSecondary"
                className={classes.background}
              >
                You can close this: saving continues in the background; see{' '}
                <Link to={desktopsLink}>My images</Link>.
              </Typography>
            </>
          )}
          {save.state === 'succeeded' && (
            <Alert severity="success">
              Saved as{' '}
              <span className={classes.reference}>
                {save.image?.ref ?? saveLabel(save)}
              </span>
            </Alert>
          )}
          {save.state === 'failed' && (
            <Alert
              severity="error"
              action={
                <Button
                  color="inherit"
                  size="small"
                  type="submit"
                  disabled={busy}
                >
                  Retry
                </Button>
              }
            >
              {save.error ?? 'The save failed.'} Your desktop was not changed.
            </Alert>
          )}
        </>
      )}
    </FormDialog>
  );
};
