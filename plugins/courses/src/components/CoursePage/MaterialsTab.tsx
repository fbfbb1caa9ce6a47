import { ChangeEvent, useRef, useState } from 'react';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ConfirmDialog,
  errorMessage,
  formatBytes,
  RelativeTime,
  saveBlob,
} from '@internal/backstage-plugin-labstage-react';
import type { Material } from '@internal/backstage-plugin-courses-common';
import {
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Typography,
} from '@material-ui/core';
import CloudUploadIcon from '@material-ui/icons/CloudUpload';
import GetAppIcon from '@material-ui/icons/GetApp';
import DeleteIcon from '@material-ui/icons/Delete';
import { useCoursesApi } from '../../api/hooks';
import { useCourseContext } from './context';
import { useCourseData } from './useCourseData';

type MaterialView = Material;

const nameOf = (m: MaterialView) => m.filename || 'file';
const sizeOf = (m: MaterialView) => m.size;
const uploaderOf = (m: MaterialView) =>
  m.uploadedBy?.replace(/^user:default\//, '') || '—';
const timeOf = (m: MaterialView) => m.createdAt ?? '';

const Uploader = (props: { onUploaded: () => void }) => {
  const { course } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<{
    name: string;
    fraction: number;
  }>();
  const [error, setError] = useState<string>();

  const onFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    setError(undefined);
    setProgress({ name: file.name, fraction: 0 });
    try {
      await coursesApi.uploadMaterial(course.id, file, fraction =>
        setProgress({ name: file.name, fraction }),
      );
      alertApi.post({
        message: `Uploaded ${file.name}`,
        severity: 'success',
        display: 'transient',
      });
      props.onUploaded();
    } catch (err) {
      setError(`${file.name}: ${errorMessage(err)}`);
    } finally {
      setProgress(undefined);
    }
  };

  return (
    <Card variant="outlined">
      <CardContent>
        <Box
          display="flex"
          alignItems="center"
          justifyContent="space-between"
          flexWrap="wrap"
          gridGap={16}
        >
          <Box>
            <Typography variant="subtitle1">
              Share a file with the class
            </Typography>
            <Typography variant="body2" color="textSecondary">
              Slides, handouts, data sets… Students can download them from this
              tab.
            </Typography>
          </Box>
          <label htmlFor="material-file-input">
            <input
              id="material-file-input"
              ref={inputRef}
              type="file"
              aria-label="File"
              style={{ display: 'none' }}
              onChange={onFile}
              disabled={Boolean(progress)}
            />
            <Button
              variant="contained"
              color="primary"
              component="span"
              startIcon={<CloudUploadIcon />}
              disabled={Boolean(progress)}
            >
              Upload material
            </Button>
          </label>
        </Box>
        {progress && (
          <Box mt={2}>
            <Typography variant="body2">
              Uploading {progress.name}… {Math.round(progress.fraction * 100)}%
            </Typography>
            <LinearProgress
              variant="determinate"
              value={progress.fraction * 100}
              aria-label="Upload progress"
            />
          </Box>
        )}
        {error && (
          <Box mt={2}>
            <Typography color="error" role="alert" variant="body2">
              {error}
            </Typography>
          </Box>
        )}
      </CardContent>
    </Card>
  );
};

export const MaterialsTab = () => {
  const { course, canManage } = useCourseContext();
  const coursesApi = useCoursesApi();
  const alertApi = useApi(alertApiRef);
  const [toDelete, setToDelete] = useState<MaterialView>();
  const [downloading, setDownloading] = useState<string>();
  const { value, loading, error, retry } = useCourseData((api, id) =>
    api.listMaterials(id),
  );

  const download = async (m: MaterialView) => {
    setDownloading(m.id);
    try {
      const blob = await coursesApi.downloadMaterial(course.id, m);
      saveBlob(blob, nameOf(m));
    } catch (e) {
      alertApi.post({
        message: `Download failed: ${errorMessage(e)}`,
        severity: 'error',
      });
    } finally {
      setDownloading(undefined);
    }
  };

  const columns: TableColumn<MaterialView>[] = [
    {
      title: 'Name',
      highlight: true,
      render: m => nameOf(m),
      customSort: (a, b) => nameOf(a).localeCompare(nameOf(b)),
    },
    {
      title: 'Size',
      render: m => formatBytes(sizeOf(m)),
      customSort: (a, b) => sizeOf(a) - sizeOf(b),
    },
    { title: 'Uploaded by', render: m => uploaderOf(m) },
    {
      title: 'Uploaded',
      render: m => <RelativeTime iso={timeOf(m)} />,
      customSort: (a, b) => timeOf(a).localeCompare(timeOf(b)),
      defaultSort: 'desc',
    },
    {
      title: '',
      sorting: false,
      align: 'right',
      render: m => (
        <Box display="flex" gridGap={8} justifyContent="flex-end">
          <Button
            size="small"
            variant="outlined"
            color="primary"
            startIcon={<GetAppIcon />}
            onClick={() => download(m)}
            disabled={downloading === m.id}
            aria-label={`Download ${nameOf(m)}`}
          >
            Download
          </Button>
          {canManage && (
            <Button
              size="small"
              startIcon={<DeleteIcon />}
              onClick={() => setToDelete(m)}
              aria-label={`Delete ${nameOf(m)}`}
            >
              Delete
            </Button>
          )}
        </Box>
      ),
    },
  ];

  const items = (value ?? []) as MaterialView[];

  return (
    <Box display="flex" flexDirection="column" gridGap={24}>
      {canManage && <Uploader onUploaded={retry} />}
      {loading && !value && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && items.length === 0 && (
        <EmptyState
          missing="data"
          title="No materials yet"
          description={
            canManage
              ? 'Upload slides, handouts or data sets and every student in the course can download them here.'
              : 'Your instructor has not shared any files yet. Course files will appear here.'
          }
        />
      )}
      {items.length > 0 && (
        <Table<MaterialView>
          title={`Materials (${items.length})`}
          options={{
            paging: items.length > 20,
            pageSize: 20,
            search: items.length > 5,
          }}
          columns={columns}
          data={items}
        />
      )}
      <ConfirmDialog
        open={Boolean(toDelete)}
        title="Delete this file?"
        confirmLabel="Delete"
        destructive
        onClose={() => setToDelete(undefined)}
        onConfirm={async () => {
          if (!toDelete) return;
          try {
            await coursesApi.deleteMaterial(course.id, toDelete.id);
            setToDelete(undefined);
            retry();
          } catch (e) {
            alertApi.post({ message: errorMessage(e), severity: 'error' });
          }
        }}
      >
        {toDelete
          ? `${nameOf(toDelete)} will no longer be available to students.`
          : ''}
      </ConfirmDialog>
    </Box>
  );
};
