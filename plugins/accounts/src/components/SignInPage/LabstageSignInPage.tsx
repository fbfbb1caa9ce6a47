import {
  FormEvent,
  ReactNode,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { Progress, ProxiedSignInPage } from '@backstage/core-components';
import {
  discoveryApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  LabstageApiError,
  errorMessage,
  useAccountsApi,
} from '@internal/backstage-plugin-accounts-react';
import {
  Box,
  Button,
  Card,
  CardContent,
  CircularProgress,
  IconButton,
  InputAdornment,
  Link,
  makeStyles,
  Tab,
  Tabs,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import Visibility from '@material-ui/icons/Visibility';
import VisibilityOff from '@material-ui/icons/VisibilityOff';
import { LabstageLogo } from './LabstageLogo';
import {
  FieldErrors,
  hasErrors,
  SignInFields,
  SignUpFields,
  validateSignIn,
  validateSignUp,
} from './validation';

const PROVIDER = 'labstage';

const useStyles = makeStyles(theme => ({
  root: {
    minHeight: '100vh',
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'center',
    padding: theme.spacing(3),
    background:
      'radial-gradient(circle at 20% 10%, #1b8fc2 0%, transparent 45%), linear-gradient(135deg, #0b3954 0%, #0b6e99 100%)',
  },
  card: {
    width: '100%',
    maxWidth: 460,
    borderRadius: 12,
    boxShadow: '0 20px 50px rgba(0, 0, 0, 0.25)',
  },
  brand: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'center',
    textAlign: 'center',
    padding: theme.spacing(4, 3, 2),
  },
  title: {
    fontWeight: 700,
    letterSpacing: '-0.5px',
    marginTop: theme.spacing(1),
    color: '#0b3954',
  },
  tagline: { color: theme.palette.text.secondary },
  tabs: { borderBottom: `1px solid ${theme.palette.divider}` },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    padding: theme.spacing(3),
  },
  submit: { marginTop: theme.spacing(1), height: 44 },
  footer: {
    textAlign: 'center',
    paddingBottom: theme.spacing(3),
    color: theme.palette.text.secondary,
  },
  checking: { padding: theme.spacing(6, 3) },
}));

type Phase = 'checking' | 'form' | 'completing';

/** Turns an API failure into a sentence fit for the sign-in screen. */
function describeAuthError(error: unknown, mode: 'signin' | 'signup'): string {
  if (error instanceof LabstageApiError) {
    const server = error.serverMessage;
    switch (error.statusCode) {
      case 401:
        return mode === 'signin'
          ? server ?? 'Incorrect username or password.'
          : server ?? 'Sign-up was rejected.';
      case 403:
        return server ?? 'This account has been disabled. Contact your administrator.';
      case 429: {
        const wait = error.retryAfterSeconds;
        const base = server ?? 'Too many failed sign-in attempts.';
        if (wait === undefined) return base;
        const minutes = Math.ceil(wait / 60);
        return `${base} Try again in ${
          wait < 90 ? `${wait} seconds` : `${minutes} minutes`
        }.`;
      }
      default:
        return error.message;
    }
  }
  if (error instanceof TypeError) {
    return 'Could not reach the Labstage server. Check your connection and try again.';
  }
  return errorMessage(error);
}

const PasswordField = (props: {
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

const SubmitButton = (props: { busy: boolean; children: ReactNode }) => {
  const classes = useStyles();
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

const SignInForm = (props: { onSignedIn: () => void }) => {
  const classes = useStyles();
  const accountsApi = useAccountsApi();
  const [fields, setFields] = useState<SignInFields>({
    username: '',
    password: '',
  });
  const [errors, setErrors] = useState<FieldErrors<SignInFields>>({});
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (key: keyof SignInFields) => (value: string) => {
    setFields(f => ({ ...f, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(undefined);
    const found = validateSignIn(fields);
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await accountsApi.signIn({
        username: fields.username.trim().toLocaleLowerCase('en-US'),
        password: fields.password,
      });
      props.onSignedIn();
    } catch (e) {
      setServerError(describeAuthError(e, 'signin'));
      setBusy(false);
    }
  };

  return (
    <form className={classes.form} onSubmit={submit} noValidate>
      {serverError && (
        <Alert severity="error" role="alert">
          {serverError}
        </Alert>
      )}
      <TextField
        id="labstage-signin-username"
        label="Username"
        variant="outlined"
        fullWidth
        autoComplete="username"
        autoCapitalize="none"
        value={fields.username}
        onChange={e => set('username')(e.target.value)}
        error={Boolean(errors.username)}
        helperText={errors.username}
      />
      <PasswordField
        id="labstage-signin-password"
        label="Password"
        autoComplete="current-password"
        value={fields.password}
        onChange={set('password')}
        error={errors.password}
      />
      <SubmitButton busy={busy}>{busy ? 'Signing in…' : 'Sign in'}</SubmitButton>
    </form>
  );
};

const SignUpForm = (props: { onSignedUp: () => void }) => {
  const classes = useStyles();
  const accountsApi = useAccountsApi();
  const [fields, setFields] = useState<SignUpFields>({
    username: '',
    displayName: '',
    email: '',
    password: '',
    confirmPassword: '',
    joinCode: '',
  });
  const [errors, setErrors] = useState<FieldErrors<SignUpFields>>({});
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (key: keyof SignUpFields) => (value: string) => {
    setFields(f => ({ ...f, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(undefined);
    const found = validateSignUp(fields);
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const joinCode = fields.joinCode.trim();
      await accountsApi.signUp({
        username: fields.username.trim(),
        displayName: fields.displayName.trim(),
        email: fields.email.trim(),
        password: fields.password,
        ...(joinCode ? { joinCode } : {}),
      });
      props.onSignedUp();
    } catch (e) {
      const message = describeAuthError(e, 'signup');
      if (
        e instanceof LabstageApiError &&
        e.statusCode === 400 &&
        /join code|course code/i.test(message)
      ) {
        setErrors(prev => ({ ...prev, joinCode: message }));
      }
      setServerError(message);
      setBusy(false);
    }
  };

  const text = (
    key: keyof SignUpFields,
    label: string,
    extra?: { autoComplete?: string; type?: string; helperText?: string },
  ) => (
    <TextField
      id={`labstage-signup-${key}`}
      label={label}
      variant="outlined"
      fullWidth
      type={extra?.type ?? 'text'}
      autoComplete={extra?.autoComplete}
      value={fields[key]}
      onChange={e => set(key)(e.target.value)}
      error={Boolean(errors[key])}
      helperText={errors[key] ?? extra?.helperText}
    />
  );

  return (
    <form className={classes.form} onSubmit={submit} noValidate>
      {serverError && (
        <Alert severity="error" role="alert">
          {serverError}
        </Alert>
      )}
      {text('username', 'Username', {
        autoComplete: 'username',
        helperText: 'Lower-case letters, digits, ".", "_" or "-"',
      })}
      {text('displayName', 'Display name', { autoComplete: 'name' })}
      {text('email', 'Email', { autoComplete: 'email', type: 'email' })}
      <PasswordField
        id="labstage-signup-password"
        label="Password"
        autoComplete="new-password"
        value={fields.password}
        onChange={set('password')}
        error={errors.password}
        helperText="At least 8 characters"
      />
      <PasswordField
        id="labstage-signup-confirm"
        label="Confirm password"
        autoComplete="new-password"
        value={fields.confirmPassword}
        onChange={set('confirmPassword')}
        error={errors.confirmPassword}
      />
      {text('joinCode', 'Course join code (optional)', {
        helperText: 'From your instructor: joins you to the course right away',
      })}
      <SubmitButton busy={busy}>
        {busy ? 'Creating account…' : 'Create account'}
      </SubmitButton>
    </form>
  );
};

/** Hands a failed session start back to the page, rendering nothing. */
const CompletionErrorReporter = (props: {
  error?: Error;
  onError: (error?: Error) => void;
}) => {
  const { error, onError } = props;
  useEffect(() => {
    onError(error);
  }, [error, onError]);
  return null;
};

/**
 * The Labstage sign-in page: local accounts (sign in or create an account),
 * then a normal Backstage session through the `labstage` proxy provider.
 *
 * @public
 */
export const LabstageSignInPage = (props: SignInPageProps) => {
  const classes = useStyles();
  const discoveryApi = useApi(discoveryApiRef);
  const [phase, setPhase] = useState<Phase>('checking');
  const [mode, setMode] = useState<'signin' | 'signup'>('signin');
  const [completionError, setCompletionError] = useState<string>();
  const mounted = useRef(true);

  useEffect(() => {
    mounted.current = true;
    // The session cookie may already exist (a reload, or another tab):
    // probe it quietly so a missing session shows the form, not an error.
    (async () => {
      try {
        const base = await discoveryApi.getBaseUrl('auth');
        const res = await fetch(`${base}/${PROVIDER}/refresh`, {
          credentials: 'include',
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        });
        if (mounted.current) setPhase(res.ok ? 'completing' : 'form');
      } catch {
        if (mounted.current) setPhase('form');
      }
    })();
    return () => {
      mounted.current = false;
    };
  }, [discoveryApi]);

  const complete = useCallback(() => {
    setCompletionError(undefined);
    setPhase('completing');
  }, []);

  const ErrorComponent = useMemo(() => {
    const onError = (error?: Error) => {
      setCompletionError(
        `Signed in, but the session could not be started: ${
          error?.message ?? 'unknown error'
        }`,
      );
      setPhase('form');
    };
    return ({ error }: { error?: Error }) => (
      <CompletionErrorReporter error={error} onError={onError} />
    );
  }, []);

  if (phase === 'completing') {
    return (
      <ProxiedSignInPage
        {...props}
        provider={PROVIDER}
        ErrorComponent={ErrorComponent}
      />
    );
  }

  return (
    <div className={classes.root}>
      <Card className={classes.card}>
        <div className={classes.brand}>
          <LabstageLogo />
          <Typography variant="h4" component="h1" className={classes.title}>
            Labstage
          </Typography>
          <Typography variant="body1" className={classes.tagline}>
            Real computers for every student, in the browser
          </Typography>
        </div>
        {phase === 'checking' ? (
          <CardContent className={classes.checking}>
            <Progress />
          </CardContent>
        ) : (
          <>
            <Tabs
              value={mode}
              onChange={(_, v) => setMode(v)}
              variant="fullWidth"
              indicatorColor="primary"
              textColor="primary"
              className={classes.tabs}
              aria-label="Sign in or create an account"
            >
              <Tab value="signin" label="Sign in" id="tab-signin" />
              <Tab value="signup" label="Create account" id="tab-signup" />
            </Tabs>
            {completionError && (
              <Box px={3} pt={3}>
                <Alert severity="warning">{completionError}</Alert>
              </Box>
            )}
            {mode === 'signin' ? (
              <SignInForm onSignedIn={complete} />
            ) : (
              <SignUpForm onSignedUp={complete} />
            )}
            <Typography variant="body2" className={classes.footer}>
              {mode === 'signin' ? (
                <>
                  New to Labstage?{' '}
                  <Link
                    component="button"
                    type="button"
                    onClick={() => setMode('signup')}
                  >
                    Create an account
                  </Link>
                </>
              ) : (
                <>
                  Already have an account?{' '}
                  <Link
                    component="button"
                    type="button"
                    onClick={() => setMode('signin')}
                  >
                    Sign in instead
                  </Link>
                </>
              )}
            </Typography>
          </>
        )}
      </Card>
    </div>
  );
};
