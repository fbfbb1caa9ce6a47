import { HTMLAttributes, useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  BusyButton,
  useFormAction,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Box, MenuItem, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { useDesktopsApi } from '../../api/hooks';

/**
 * Publishes one of the instructor's saved image versions as the course's
 * next environment version.
 */
export const PublishEnvironmentForm = (props: {
  courseId: string;
  onPublished: () => void;
}) => {
  const api = useDesktopsApi();
  const alertApi = useApi(alertApiRef);
  const images = useReloadableAsync(() => api.listSavedImages(), [api]);
  const [imageId, setImageId] = useState('');
  const [description, setDescription] = useState('');
  const [cpus, setCpus] = useState('');
  const [memoryGiB, setMemoryGiB] = useState('');
  const publish = useFormAction();
  const items = images.value?.items ?? [];

  const submit = async () => {
    if (!imageId) {
      publish.setError('Choose one of your saved images');
      return;
    }
    const ok = await publish.run(async () => {
      const environment = await api.publishEnvironment(props.courseId, {
        imageId,
        description: description.trim(),
        resources: {
          ...(cpus ? { cpus: Number(cpus) } : {}),
          ...(memoryGiB
            ? { memoryMiB: Math.round(Number(memoryGiB) * 1024) }
            : {}),
        },
      });
      alertApi.post({
        message: `Published as version ${environment.version}: new launches get it`,
        severity: 'success',
        display: 'transient',
      });
    });
    if (ok) {
      setDescription('');
      props.onPublished();
    }
  };

  return (
    <InfoCard title="Publish a new version">
      <Typography variant="body2" color="textSecondary" paragraph>
        Students who launch from now on get the version you publish. Desktops
        already made keep their version until their owner updates (their home
        folder is kept).
      </Typography>
      {images.value && items.length === 0 && (
        <Alert severity="info">
          You have no saved images yet. Launch a desktop, prepare it, and choose
          “Save as image” on it under My desktops.
        </Alert>
      )}
      {images.error && <Alert severity="error">{images.error.message}</Alert>}
      {items.length > 0 && (
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <TextField
            select
            id="publish-image"
            label="Image version"
            value={imageId}
            onChange={e => setImageId(e.target.value)}
            variant="outlined"
            SelectProps={{
              SelectDisplayProps: {
                'data-testid': 'publish-image',
              } as HTMLAttributes<HTMLDivElement>,
            }}
          >
            {items.map(image => (
              <MenuItem key={image.id} value={image.id}>
                {image.name}:{image.tag}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            id="publish-description"
            label="Description (what's inside, what it's for)"
            value={description}
            onChange={e => setDescription(e.target.value)}
            multiline
            minRows={2}
            variant="outlined"
            inputProps={{ maxLength: 2000 }}
          />
          <Box display="flex" style={{ gap: 16 }}>
            <TextField
              fullWidth
              id="publish-cpus"
              label="CPUs"
              type="number"
              value={cpus}
              onChange={e => setCpus(e.target.value)}
              variant="outlined"
              helperText="Default 1; role limits still apply"
              inputProps={{ min: 0.5, max: 64, step: 0.5 }}
            />
            <TextField
              fullWidth
              id="publish-memory"
              label="Memory (GiB)"
              type="number"
              value={memoryGiB}
              onChange={e => setMemoryGiB(e.target.value)}
              variant="outlined"
              helperText="Default 2"
              inputProps={{ min: 0.25, max: 256, step: 0.25 }}
            />
          </Box>
          {publish.error && <Alert severity="error">{publish.error}</Alert>}
          <Box>
            <BusyButton
              busy={publish.busy}
              variant="contained"
              color="primary"
              onClick={submit}
            >
              Publish
            </BusyButton>
          </Box>
        </Box>
      )}
    </InfoCard>
  );
};
