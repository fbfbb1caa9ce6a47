import { errorMessage } from '@internal/backstage-plugin-labstage-react';
import { Box, Button, CircularProgress, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';

/**
 * The preview's loading and error states; renders nothing once it has
 * loaded.
 */
export const DeletionPreviewStatus = (props: {
  loading: boolean;
  error?: Error;
  retry: () => void;
}) => {
  const { loading, error, retry } = props;
  if (loading) {
    return (
      <Box display="flex" alignItems="center" gridGap={12} py={2}>
        <CircularProgress size={20} />
        <Typography variant="body2">Checking what would be deleted…</Typography>
      </Box>
    );
  }
  if (error) {
    return (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={retry}>
            Retry
          </Button>
        }
      >
        Could not check what would be deleted: {errorMessage(error)}
      </Alert>
    );
  }
  return null;
};
