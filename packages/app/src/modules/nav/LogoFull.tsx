import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 30 },
  text: { fill: '#ffffff', fontFamily: 'Helvetica, Arial, sans-serif' },
});

/** The Labstage word mark shown in the open sidebar. */
export const LogoFull = () => {
  const classes = useStyles();
  return (
    <svg className={classes.svg} viewBox="0 0 200 40" role="img">
      <title>Labstage</title>
      <rect x="0" y="4" width="40" height="28" rx="4" fill="#4fc3f7" />
      <rect x="4" y="8" width="32" height="18" rx="2" fill="#0b3954" />
      <path
        d="M9 13 l5 4 -5 4"
        stroke="#4fc3f7"
        strokeWidth="2.5"
        fill="none"
      />
      <rect x="16" y="34" width="8" height="4" fill="#4fc3f7" />
      <text
        x="50"
        y="29"
        fontSize="26"
        fontWeight="700"
        className={classes.text}
      >
        Labstage
      </text>
    </svg>
  );
};
