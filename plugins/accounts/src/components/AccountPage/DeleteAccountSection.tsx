import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { Button, makeStyles, Typography } from '@material-ui/core';
import { DeleteOwnAccountForm } from './DeleteOwnAccountForm';

const useStyles = makeStyles(theme => ({
  danger: { border: `1px solid ${theme.palette.error.main}` },
  title: { color: theme.palette.error.main },
  open: {
    color: theme.palette.error.main,
    borderColor: theme.palette.error.main,
  },
}));

/** The "danger zone" of My account: delete your own account. */
export const DeleteAccountSection = () => {
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  return (
    <InfoCard
      title="Delete my account"
      subheader="Danger zone: deleting your account cannot be undone."
      className={classes.danger}
      titleTypographyProps={{ className: classes.title }}
    >
      {open ? (
        <DeleteOwnAccountForm onCancel={() => setOpen(false)} />
      ) : (
        <>
          <Typography paragraph>
            Your desktops, their home folders and your course enrolments are
            removed. You will see exactly what goes before anything happens.
          </Typography>
          <Button
            variant="outlined"
            className={classes.open}
            onClick={() => setOpen(true)}
          >
            Delete my account…
          </Button>
        </>
      )}
    </InfoCard>
  );
};
