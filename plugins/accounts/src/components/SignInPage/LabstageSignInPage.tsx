import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Progress, ProxiedSignInPage } from '@backstage/core-components';
import {
  discoveryApiRef,
  SignInPageProps,
  useApi,
} from '@backstage/core-plugin-api';
import {
  Box,
  Card,
  CardContent,
  Link,
  makeStyles,
  Tab,
  Tabs,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { LabstageLogo } from './LabstageLogo';
import { SignInForm } from './SignInForm';
import { SignUpForm } from './SignUpForm';

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
  footer: {
    textAlign: 'center',
    paddingBottom: theme.spacing(3),
    color: theme.palette.text.secondary,
  },
  checking: { padding: theme.spacing(6, 3) },
}));

type Phase = 'checking' | 'form' | 'completing';

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
