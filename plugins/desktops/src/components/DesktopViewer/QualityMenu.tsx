import { useState } from 'react';
import {
  Box,
  FormControlLabel,
  IconButton,
  makeStyles,
  Popover,
  Slider,
  Switch,
  Tooltip,
  Typography,
} from '@material-ui/core';
import TuneIcon from '@material-ui/icons/Tune';
import type { ViewerSettings } from './settings';

const useStyles = makeStyles(theme => ({
  panel: { padding: theme.spacing(2), width: 300 },
  label: { marginTop: theme.spacing(2) },
}));

/** Display options: resize, scaling, image quality and compression. */
export const QualityMenu = (props: {
  settings: ViewerSettings;
  /** False for visitors: only the owner's window sizes the desktop. */
  canResize?: boolean;
  onChange: (patch: Partial<ViewerSettings>) => void;
  onClose?: () => void;
}) => {
  const classes = useStyles();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { settings, onChange } = props;
  return (
    <>
      <Tooltip title="Display and quality">
        <IconButton
          aria-label="Display and quality"
          color="inherit"
          onClick={e => setAnchor(e.currentTarget)}
        >
          <TuneIcon />
        </IconButton>
      </Tooltip>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => {
          setAnchor(null);
          props.onClose?.();
        }}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
      >
        <Box className={classes.panel}>
          <FormControlLabel
            control={
              <Switch
                checked={settings.resizeSession}
                onChange={e => onChange({ resizeSession: e.target.checked })}
                color="primary"
                disabled={props.canResize === false}
              />
            }
            label={
              props.canResize === false
                ? 'Resize desktop to window (owner only)'
                : 'Resize desktop to window'
            }
          />
          <FormControlLabel
            control={
              <Switch
                checked={settings.scaleViewport}
                onChange={e => onChange({ scaleViewport: e.target.checked })}
                color="primary"
              />
            }
            label="Scale to fit"
          />
          <Typography
            id="quality-level-label"
            variant="body2"
            className={classes.label}
          >
            Image quality ({settings.qualityLevel})
          </Typography>
          <Slider
            aria-labelledby="quality-level-label"
            value={settings.qualityLevel}
            min={0}
            max={9}
            step={1}
            marks
            onChange={(_, v) => onChange({ qualityLevel: v as number })}
          />
          <Typography variant="caption" color="textSecondary">
            Lower is faster on slow networks.
          </Typography>
          <Typography
            id="compression-level-label"
            variant="body2"
            className={classes.label}
          >
            Compression ({settings.compressionLevel})
          </Typography>
          <Slider
            aria-labelledby="compression-level-label"
            value={settings.compressionLevel}
            min={0}
            max={9}
            step={1}
            marks
            onChange={(_, v) => onChange({ compressionLevel: v as number })}
          />
          <Typography variant="caption" color="textSecondary">
            Higher saves bandwidth but costs CPU.
          </Typography>
        </Box>
      </Popover>
    </>
  );
};
