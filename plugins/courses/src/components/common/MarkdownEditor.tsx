import { useState } from 'react';
import { MarkdownContent } from '@backstage/core-components';
import {
  Box,
  makeStyles,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@material-ui/core';

const useStyles = makeStyles(theme => ({
  tabs: { minHeight: 32, marginBottom: theme.spacing(1) },
  tab: { minHeight: 32, minWidth: 80, textTransform: 'none' },
  preview: {
    minHeight: 120,
    padding: theme.spacing(1, 2),
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflowWrap: 'anywhere',
  },
}));

/** A markdown text area with a Write / Preview switch. */
export const MarkdownEditor = (props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  rows?: number;
  placeholder?: string;
}) => {
  const classes = useStyles();
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  return (
    <Box>
      <Tabs
        value={mode}
        onChange={(_, v) => setMode(v)}
        indicatorColor="primary"
        className={classes.tabs}
        aria-label={`${props.label} editor mode`}
      >
        <Tab value="write" label="Write" className={classes.tab} />
        <Tab value="preview" label="Preview" className={classes.tab} />
      </Tabs>
      {mode === 'write' ? (
        <TextField
          id={props.id}
          label={props.label}
          value={props.value}
          onChange={e => props.onChange(e.target.value)}
          multiline
          minRows={props.rows ?? 5}
          variant="outlined"
          fullWidth
          placeholder={props.placeholder}
          error={Boolean(props.error)}
          helperText={props.error ?? 'Markdown supported'}
        />
      ) : (
        <div className={classes.preview}>
          {props.value.trim() ? (
            <MarkdownContent content={props.value} dialect="gfm" />
          ) : (
            <Typography variant="body2" color="textSecondary">
              Nothing to preview yet.
            </Typography>
          )}
        </div>
      )}
    </Box>
  );
};
