import { ReactElement } from 'react';
import { User } from '@internal/backstage-plugin-accounts-common';
import { IconButton, makeStyles, Tooltip } from '@material-ui/core';
import BlockIcon from '@material-ui/icons/Block';
import CheckCircleOutlineIcon from '@material-ui/icons/CheckCircleOutline';
import DeleteOutlineIcon from '@material-ui/icons/DeleteOutline';
import VpnKeyIcon from '@material-ui/icons/VpnKey';

const useStyles = makeStyles({
  // Icons keep the column narrow; labelled buttons wrapped mid-word.
  actions: { display: 'flex', flexWrap: 'nowrap' },
});

const Action = (props: {
  tooltip: string;
  label: string;
  icon: ReactElement;
  onClick: () => void;
}) => (
  <Tooltip title={props.tooltip}>
    <IconButton size="small" aria-label={props.label} onClick={props.onClick}>
      {props.icon}
    </IconButton>
  </Tooltip>
);

/** The row actions of the users table: icon buttons with tooltips. */
export const UserActions = (props: {
  user: User;
  /** False for the signed-in admin's own row: nobody deletes themself here. */
  canDelete: boolean;
  onToggleDisabled: () => void;
  onResetPassword: () => void;
  onDelete: () => void;
}) => {
  const classes = useStyles();
  const { user } = props;
  const toggle = user.disabled ? 'Enable' : 'Disable';
  return (
    <div className={classes.actions}>
      <Action
        tooltip={toggle}
        label={`${toggle} ${user.username}`}
        icon={user.disabled ? <CheckCircleOutlineIcon /> : <BlockIcon />}
        onClick={props.onToggleDisabled}
      />
      <Action
        tooltip="Reset password"
        label={`Reset password of ${user.username}`}
        icon={<VpnKeyIcon />}
        onClick={props.onResetPassword}
      />
      {props.canDelete && (
        <Action
          tooltip="Delete…"
          label={`Delete ${user.username}`}
          icon={<DeleteOutlineIcon />}
          onClick={props.onDelete}
        />
      )}
    </div>
  );
};
