import { Link } from '@backstage/core-components';
import type { Course } from '@internal/backstage-plugin-courses-common';
import {
  Card,
  CardActionArea,
  CardContent,
  Chip,
  makeStyles,
  Typography,
} from '@material-ui/core';
import { useCourseLink } from '../common/links';

const useStyles = makeStyles(theme => ({
  card: {
    height: '100%',
    display: 'flex',
    flexDirection: 'column',
    borderTop: `4px solid ${theme.palette.primary.main}`,
  },
  archived: { borderTopColor: theme.palette.grey[400], opacity: 0.85 },
  area: { flexGrow: 1, display: 'flex', alignItems: 'stretch' },
  content: { width: '100%' },
  meta: {
    display: 'flex',
    gap: theme.spacing(1),
    alignItems: 'center',
    marginBottom: theme.spacing(1),
    flexWrap: 'wrap',
  },
  code: { fontWeight: 600, fontFamily: 'monospace' },
  excerpt: {
    marginTop: theme.spacing(1),
    color: theme.palette.text.secondary,
    display: '-webkit-box',
    WebkitLineClamp: 3,
    WebkitBoxOrient: 'vertical',
    overflow: 'hidden',
  },
}));

/** The first paragraph of markdown, as plain text; headings usually repeat the title, so they are skipped. */
export function excerpt(markdown: string | undefined | null): string {
  if (!markdown) return '';
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^#+.*$/gm, '')
    .replace(/[*_`>~]/g, '')
    .trim();
  const first = text.split(/\n\s*\n/)[0] ?? '';
  return first.replace(/\s+/g, ' ').slice(0, 240);
}

export const CourseCard = ({ course }: { course: Course }) => {
  const classes = useStyles();
  const courseLink = useCourseLink();
  const summary = excerpt(course.description);
  return (
    <Card
      className={`${classes.card} ${course.archived ? classes.archived : ''}`}
      variant="outlined"
    >
      <CardActionArea
        component={Link}
        to={courseLink(course.id)}
        // ButtonBase would announce the anchor as a button; it navigates.
        role="link"
        className={classes.area}
      >
        <CardContent className={classes.content}>
          <div className={classes.meta}>
            <Chip size="small" label={course.code} className={classes.code} />
            {course.term && (
              <Typography variant="caption" color="textSecondary">
                {course.term}
              </Typography>
            )}
            {course.archived && <Chip size="small" label="Archived" />}
          </div>
          <Typography variant="h6" component="h3">
            {course.title}
          </Typography>
          {summary && (
            <Typography variant="body2" className={classes.excerpt}>
              {summary}
            </Typography>
          )}
        </CardContent>
      </CardActionArea>
    </Card>
  );
};
