import { ReactNode } from 'react';
import type { Desktop } from '@internal/backstage-plugin-desktops-common';
import { Button, Dialog, DialogActions, DialogTitle } from '@material-ui/core';

/**
 * A dialog about one desktop from its card, open while `desktop` is set:
 * the title, the body (mounted only while open, so it reads afresh each
 * time) and one button that closes it.
 */
export const DesktopDialog = (props: {
  desktop?: Desktop;
  onClose: () => void;
  /** The title's element id, which names the dialog. */
  titleId: string;
  title: (desktopName: string) => ReactNode;
  maxWidth: 'sm' | 'md';
  closeLabel: string;
  children: (desktop: Desktop) => ReactNode;
}) => {
  const { desktop, onClose } = props;
  return (
    <Dialog
      open={Boolean(desktop)}
      onClose={onClose}
      aria-labelledby={props.titleId}
      maxWidth={props.maxWidth}
      fullWidth
    >
      <DialogTitle id={props.titleId}>
        {props.title(desktop?.name ?? '')}
      </DialogTitle>
      {desktop && props.children(desktop)}
      <DialogActions>
        <Button onClick={onClose}>{props.closeLabel}</Button>
      </DialogActions>
    </Dialog>
  );
};
