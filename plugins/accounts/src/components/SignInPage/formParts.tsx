import { FormEvent, ReactNode, useState } from 'react';
import {
  Button,
  CircularProgress,
  IconButton,
  InputAdornment,
  makeStyles,
  TextField,
} from '@material-ui/core';
import Visibility from '@material-ui/icons/Visibility';
import VisibilityOff from '@material-ui/icons/VisibilityOff';
import Alert from '@material-ui/lab/Alert';

export const useFormStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    padding: theme.spacing(3),
  },
  submit: { marginTop: theme.spacing(1), height: 44 },
}));

/** A password input with a show/hide toggle. */
export const PasswordField = (props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  autoComplete: string;
  helperText?: string;
}) => {
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      id={props.id}
      label={props.label}
      type={visible ? 'text' : 'password'}
      variant="outlined"
      fullWidth
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      error={Boolean(props.error)}
      helperText={props.error ?? props.helperText}
      autoComplete={props.autoComplete}
      InputProps={{
        endAdornment: (
          <InputAdornment position="end">
            <IconButton
              aria-label={visible ? 'Hide characters' : 'Show characters'}
              onClick={() => setVisible(v => !v)}
              edge="end"
              size="small"
            >
              {visible ? <VisibilityOff /> : <Visibility />}
            </IconButton>
          </InputAdornment>
        ),
      }}
    />
  );
};

/** The form's submit button, with a spinner while the request runs. */
export const SubmitButton = (props: { busy: boolean; children: ReactNode }) => {
  const classes = useFormStyles();
  return (
    <Button
      type="submit"
      variant="contained"
      color="primary"
      size="large"
      disabled={props.busy}
      className={classes.submit}
      startIcon={
        props.busy ? <CircularProgress size={18} color="inherit" /> : undefined
      }
    >
      {props.children}
    </Button>
  );
};

/** The sign-in and sign-up form: the server's error on top, then the fields. */
export const AuthForm = (props: {
  onSubmit: (event: FormEvent) => void;
  serverError?: string;
  children: ReactNode;
}) => {
  const classes = useFormStyles();
  return (
    <form className={classes.form} onSubmit={props.onSubmit} noValidate>
      {props.serverError && (
        <Alert severity="error" role="alert">
          {props.serverError}
        </Alert>
      )}
      {props.children}
    </form>
  );
};
