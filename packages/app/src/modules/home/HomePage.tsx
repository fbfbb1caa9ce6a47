import { Content, Header, Page } from '@backstage/core-components';
import { Grid } from '@material-ui/core';
import { useCurrentAccount } from '@internal/backstage-plugin-accounts-react';
import {
  MyCoursesCard,
  RecentAnnouncementsCard,
} from '@internal/backstage-plugin-courses';
import { MyDesktopsCard } from '@internal/backstage-plugin-desktops';

/** Labstage home: the signed-in user's desktops, courses and latest news. */
export const HomePage = () => {
  const { value: account } = useCurrentAccount();
  const greeting = account ? `Welcome, ${account.displayName}` : 'Welcome';
  return (
    <Page themeId="home">
      <Header
        title={greeting}
        subtitle="Real computers for every student, in the browser"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <MyDesktopsCard />
          </Grid>
          <Grid item xs={12} md={6}>
            <MyCoursesCard />
          </Grid>
          <Grid item xs={12} md={6}>
            <RecentAnnouncementsCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
};
