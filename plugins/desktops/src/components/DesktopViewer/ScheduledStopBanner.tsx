import { useState } from 'react';
import {
  DesktopPresenceSignal,
  desktopPresenceChannel,
} from '@internal/backstage-plugin-desktops-common';
import { Snackbar } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { DateTime } from 'luxon';
import { useSignalChannel } from '../../hooks/useSignalChannel';

type ScheduledStop = { stopsAt: string; reason: string };

/**
 * "Class is over: this desktop stops in 5 minutes…" over the owner's open
 * viewer: someone typing in the desktop (perhaps full screen) sees no
 * portal notification. Shown until closed, or until the desktop stops.
 */
export const ScheduledStopBanner = (props: {
  desktopId: string;
  running: boolean;
}) => {
  const { desktopId, running } = props;
  const [stop, setStop] = useState<ScheduledStop>();
  useSignalChannel<DesktopPresenceSignal>(
    running ? desktopPresenceChannel(desktopId) : undefined,
    message => {
      if (message.type === 'stop-scheduled' && message.desktopId === desktopId)
        setStop({ stopsAt: message.stopsAt, reason: message.reason });
    },
  );
  if (!stop || !running) return null;
  const at = DateTime.fromISO(stop.stopsAt).toLocaleString(
    DateTime.TIME_SIMPLE,
  );
  return (
    <Snackbar open anchorOrigin={{ vertical: 'top', horizontal: 'center' }}>
      <Alert
        severity="warning"
        onClose={() => setStop(undefined)}
        data-testid="scheduled-stop"
      >
        {`${stop.reason} (at ${at})`}
      </Alert>
    </Snackbar>
  );
};
