import {
  Button,
  IconButton,
  makeStyles,
  TextField,
  Typography,
} from '@material-ui/core';
import CloseIcon from '@material-ui/icons/Close';

const useStyles = makeStyles(theme => ({
  panel: {
    width: 320,
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    padding: theme.spacing(2),
    borderLeft: `1px solid ${theme.palette.divider}`,
    backgroundColor: theme.palette.background.paper,
    overflowY: 'auto',
  },
  head: { display: 'flex', alignItems: 'center' },
  title: { flexGrow: 1 },
  buttons: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

/**
 * The desktop's clipboard as editable text. Browsers only let pages read the
 * local clipboard on a paste, so text goes both ways through this box.
 */
export const ClipboardPanel = (props: {
  text: string;
  onTextChange: (text: string) => void;
  onSend: (text: string) => void;
  canSend: boolean;
  onClose: () => void;
}) => {
  const classes = useStyles();
  const copyLocally = () => {
    navigator.clipboard?.writeText(props.text).catch(() => {
      // Clipboard permission denied: the text stays selectable in the box.
    });
  };
  return (
    <aside className={classes.panel} aria-label="Clipboard">
      <div className={classes.head}>
        <Typography variant="h6" component="h2" className={classes.title}>
          Clipboard
        </Typography>
        <IconButton
          size="small"
          aria-label="Close clipboard"
          onClick={props.onClose}
        >
          <CloseIcon />
        </IconButton>
      </div>
      <Typography variant="body2" color="textSecondary">
        Text copied in the desktop appears here. Paste or type text here and
        send it to the desktop, then paste it there.
      </Typography>
      <TextField
        label="Clipboard text"
        multiline
        minRows={8}
        maxRows={20}
        variant="outlined"
        value={props.text}
        onChange={e => props.onTextChange(e.target.value)}
        inputProps={{ 'data-testid': 'desktop-clipboard' }}
      />
      <div className={classes.buttons}>
        <Button
          variant="contained"
          color="primary"
          disabled={!props.canSend}
          onClick={() => props.onSend(props.text)}
        >
          Send to desktop
        </Button>
        <Button variant="outlined" onClick={copyLocally} disabled={!props.text}>
          Copy here
        </Button>
      </div>
    </aside>
  );
};
