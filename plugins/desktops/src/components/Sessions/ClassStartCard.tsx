import { LinkButton } from '@backstage/core-components';
import type { ClassSessionNowResponse } from '@internal/backstage-plugin-desktops-common';
import { CircularProgress } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import OpenIcon from '@material-ui/icons/OpenInBrowser';
import { useDesktopLink } from '../common/links';
import { usePreloadedViewer } from '../DesktopViewer/preloadDesktopViewer';
import { timeOfDay } from './scheduleText';

/**
 * What a student sees while a meeting's desktop window is on: before
 * class, whether their desktop is ready (one click opens it), still
 * starting, or could not be started and why; in class, until when; after class, when unused desktops stop.
 */
export const ClassStartCard = (props: {
  now: ClassSessionNowResponse;
  timeZone: string;
  /** Where the course is not clear from the page: its desktop's name. */
  course?: string;
}) => {
  const { occurrence, phase, desktop, problem } = props.now;
  const desktopLink = useDesktopLink();
  const running = desktop?.state === 'running';
  // The click on Open should cost only the connection (issue 13's target:
  // first frame within 0.3 s of it).
  usePreloadedViewer(running ? desktop?.id : undefined, props.now);
  if (!occurrence || !phase) return null;
  const at = (iso: string) => timeOfDay(iso, props.timeZone);
  const open = running && desktop && (
    <LinkButton
      to={desktopLink(desktop.id)}
      color="primary"
      variant="contained"
      size="small"
      startIcon={<OpenIcon />}
    >
      Open
    </LinkButton>
  );

  let text: string;
  let severity: 'success' | 'info' | 'warning' = 'info';
  let icon: JSX.Element | undefined;
  if (phase === 'warming-up') {
    const starts = `Class starts at ${at(occurrence.start)}`;
    if (running) {
      text = `${starts}: your desktop is ready`;
      severity = 'success';
    } else if (problem && desktop?.state !== 'starting') {
      // The warm-up gave up on it (no environment, a quota…): it is not
      // coming, so say why instead of spinning until class.
      text = `${starts}: your desktop could not be started: ${problem}`;
      severity = 'warning';
    } else if (desktop?.state === 'error') {
      text = `${starts}: your desktop could not be started. Launch it from the course's Environment card.`;
      severity = 'warning';
    } else {
      text = `${starts}: your desktop is starting…`;
      icon = <CircularProgress size={20} aria-hidden />;
    }
  } else if (phase === 'in-class') {
    text = `Class is on until ${at(occurrence.end)}`;
  } else {
    text = `Class is over: desktops nobody uses stop at ${at(
      occurrence.stopAt,
    )} (your home is kept)`;
  }

  return (
    <section
      aria-label={
        props.course ? `Class session ${props.course}` : 'Class session'
      }
    >
      <Alert
        severity={severity}
        icon={icon}
        role="status"
        action={open || undefined}
        data-testid="class-start-card"
      >
        {props.course ? `${props.course} — ${text}` : text}
      </Alert>
    </section>
  );
};
