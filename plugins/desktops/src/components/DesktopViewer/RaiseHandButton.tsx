import { useCallback, useEffect, useState } from 'react';
import {
  classroomSignalChannel,
  ClassroomSignal,
  DesktopHand,
} from '@internal/backstage-plugin-desktops-common';
import { errorMessage } from '@internal/backstage-plugin-labstage-react';
import { Button } from '@material-ui/core';
import PanToolIcon from '@material-ui/icons/PanTool';
import { useDesktopsApi } from '../../api/hooks';
import { useSignalChannel } from '../../hooks/useSignalChannel';

/**
 * "Raise hand" / "Lower hand" for the owner of a course desktop: the
 * course's instructors see it highlighted in their Classroom tab. An
 * instructor lowering it shows here at once through the classroom signal.
 */
export const RaiseHandButton = (props: {
  desktopId: string;
  courseId: string;
  onError: (message: string) => void;
}) => {
  const { desktopId, courseId, onError } = props;
  const api = useDesktopsApi();
  const [hand, setHand] = useState<DesktopHand | null>();
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setHand(await api.getHand(desktopId));
    } catch {
      // The button stays hidden until the state is known.
    }
  }, [api, desktopId]);

  useEffect(() => {
    load();
  }, [load]);

  useSignalChannel<ClassroomSignal>(classroomSignalChannel(courseId), m => {
    if (m.type === 'hand-changed' && m.desktopId === desktopId) setHand(m.hand);
  });

  if (hand === undefined) return null;
  const raised = hand !== null;

  const toggle = async () => {
    setBusy(true);
    try {
      if (raised) {
        await api.lowerHand(desktopId);
        setHand(null);
      } else {
        setHand(await api.raiseHand(desktopId));
      }
    } catch (e) {
      onError(
        `Your hand was not ${raised ? 'lowered' : 'raised'}: ${errorMessage(
          e,
        )}`,
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      size="small"
      variant={raised ? 'contained' : 'outlined'}
      color={raised ? 'secondary' : 'default'}
      startIcon={<PanToolIcon />}
      disabled={busy}
      onClick={toggle}
    >
      {raised ? 'Lower hand' : 'Raise hand'}
    </Button>
  );
};
