import { AccountDeletionPreview } from '@internal/backstage-plugin-accounts-common';
import { Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import {
  DeletionAudience,
  describeKept,
  describeRemoved,
} from './deletionText';

/** Why the server would refuse the deletion right now, if it would. */
const DeletionBlockers = (props: {
  preview: AccountDeletionPreview;
  audience: DeletionAudience;
}) => {
  const { preview, audience } = props;
  const courses = preview.soleInstructorOf;
  if (courses.length > 0) {
    // The server's blockedBecause says the same in one line; the list reads
    // better and speaks to the right person.
    return (
      <Alert severity="warning">
        {audience === 'self' ? 'You are' : `${preview.displayName} is`} the only
        instructor of:
        <ul>
          {courses.map(c => (
            <li key={c.courseId}>
              {c.code} — {c.title}
            </li>
          ))}
        </ul>
        Add another instructor or archive{' '}
        {courses.length === 1 ? 'the course' : 'these courses'} first.
      </Alert>
    );
  }
  if (preview.blockedBecause) {
    return <Alert severity="warning">{preview.blockedBecause}</Alert>;
  }
  return null;
};

/** What deleting the account removes and keeps, in plain sentences. */
export const DeletionPreviewSummary = (props: {
  preview: AccountDeletionPreview;
  audience: DeletionAudience;
}) => {
  const { preview, audience } = props;
  return (
    <>
      <Typography paragraph>{describeRemoved(preview, audience)}</Typography>
      <Typography paragraph>{describeKept(preview, audience)}</Typography>
      <Typography paragraph>
        <strong>This cannot be undone.</strong>
      </Typography>
      <DeletionBlockers preview={preview} audience={audience} />
    </>
  );
};
