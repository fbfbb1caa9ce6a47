import { InfoCard } from '@backstage/core-components';
import type { CapacityReport } from '@internal/backstage-plugin-desktops-common';
import { makeStyles, Typography } from '@material-ui/core';
import { formatBytes, formatResources } from '../common/format';
import { fitsNowText, SOURCE_TEXT } from './capacityText';
import { ResourceBar } from './ResourceBar';

const useStyles = makeStyles(theme => ({
  headline: { marginBottom: theme.spacing(2) },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    gap: theme.spacing(0.5, 2),
    margin: theme.spacing(2, 0, 0),
    '& dt': { color: theme.palette.text.secondary },
    '& dd': { margin: 0 },
  },
}));

const MIB = 1024 * 1024;
// formatBytes says "—" for 0 (unknown); here 0 is a real reading.
const memory = (mib: number) => (mib > 0 ? formatBytes(mib * MIB) : '0 MiB');

/**
 * How many more desktops this installation can run now: what the host or
 * cluster can allocate, what the running desktops take, and what one
 * desktop asks for.
 */
export const WhatFitsCard = ({ report }: { report: CapacityReport }) => {
  const classes = useStyles();
  const { allocatable, inUse, perDesktop } = report;
  return (
    <InfoCard title="What fits" subheader={SOURCE_TEXT[report.source]}>
      <Typography
        variant="h5"
        component="p"
        className={classes.headline}
        data-testid="fits-now"
      >
        {fitsNowText(report.fitsNow)}
      </Typography>
      <ResourceBar
        label="CPU"
        used={inUse.cpus}
        total={allocatable.cpus}
        text={`${Number(inUse.cpus.toFixed(2))} of ${Number(
          allocatable.cpus.toFixed(2),
        )} CPUs in use`}
      />
      <ResourceBar
        label="Memory"
        used={inUse.memoryMiB}
        total={allocatable.memoryMiB}
        text={`${memory(inUse.memoryMiB)} of ${memory(
          allocatable.memoryMiB,
        )} in use`}
      />
      <dl className={classes.facts}>
        <dt>Allocatable</dt>
        <dd>{formatResources(allocatable)}</dd>
        <dt>In use</dt>
        <dd>
          {formatResources(inUse)} by {inUse.desktops}{' '}
          {inUse.desktops === 1 ? 'desktop' : 'desktops'}
        </dd>
        <dt>Per desktop</dt>
        <dd>
          {formatResources(perDesktop)}
          {/* Pods are placed by their requests, a share of their limits. */}
          {report.source === 'kubernetes' && " reserved (its pod's requests)"}
        </dd>
      </dl>
    </InfoCard>
  );
};
