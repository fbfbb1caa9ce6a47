import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  Page,
} from '@backstage/core-components';
import {
  errorStatus,
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { Button, Grid } from '@material-ui/core';
import RefreshIcon from '@material-ui/icons/Refresh';
import { useDesktopsApi } from '../../api/hooks';
import { HourDefaultsCard } from './HourDefaultsCard';
import { UpcomingSessionsTable } from './UpcomingSessionsTable';
import { WhatFitsCard } from './WhatFitsCard';

/**
 * The admins' capacity view: what fits now, whether the next 7 days of
 * class sessions fit, and the installation's hour quota defaults.
 */
export const CapacityOverview = () => {
  const api = useDesktopsApi();
  const report = useReloadableAsync(() => api.getCapacity(), [api]);
  if (report.error && errorStatus(report.error) === 403) {
    return (
      <EmptyState
        missing="info"
        title="Admins only"
        description="The capacity of this installation is shown to Labstage administrators."
      />
    );
  }
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <LoadStatus
          loading={report.loading && !report.value}
          error={report.value ? undefined : report.error}
        />
      </Grid>
      {report.value && (
        <>
          <Grid item xs={12} md={6}>
            <WhatFitsCard report={report.value} />
          </Grid>
          <Grid item xs={12} md={6}>
            <HourDefaultsCard />
          </Grid>
          <Grid item xs={12}>
            <InfoCard
              title="Upcoming sessions"
              subheader="Class sessions of the next 7 days and whether their desktops fit"
              action={
                <Button
                  startIcon={<RefreshIcon />}
                  onClick={report.retry}
                  disabled={report.loading}
                >
                  Refresh
                </Button>
              }
            >
              <UpcomingSessionsTable sessions={report.value.upcoming} />
            </InfoCard>
          </Grid>
        </>
      )}
    </Grid>
  );
};

export const CapacityPage = () => (
  <Page themeId="tool">
    <Header
      title="Capacity"
      subtitle="What this installation can run, and what the next class sessions need"
    />
    <Content>
      <CapacityOverview />
    </Content>
  </Page>
);
