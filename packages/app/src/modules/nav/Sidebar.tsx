import {
  Sidebar,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
} from '@backstage/core-components';
import { NavContentBlueprint } from '@backstage/plugin-app-react';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { useCurrentAccount } from '@internal/backstage-plugin-accounts-react';
import MenuIcon from '@material-ui/icons/Menu';
import HomeIcon from '@material-ui/icons/Home';
import SchoolIcon from '@material-ui/icons/School';
import DesktopIcon from '@material-ui/icons/DesktopWindows';
import CreateIcon from '@material-ui/icons/AddCircleOutline';
import CategoryIcon from '@material-ui/icons/Category';
import AdminIcon from '@material-ui/icons/SupervisorAccount';
import AuditIcon from '@material-ui/icons/History';
import CapacityIcon from '@material-ui/icons/Memory';
import PersonIcon from '@material-ui/icons/Person';
import { SidebarLogo } from './SidebarLogo';

/**
 * Labstage navigation. Items are chosen by role for clarity only: every route
 * behind them is authorized on the server.
 */
const LabstageSidebar = () => {
  const { value: account } = useCurrentAccount();
  const role = account?.role;
  const isStaff = role === 'instructor' || role === 'admin';

  return (
    <Sidebar>
      <SidebarLogo />
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        <SidebarItem icon={HomeIcon} to="/" text="Home" />
        <SidebarItem icon={DesktopIcon} to="/desktops" text="My desktops" />
        <SidebarItem icon={SchoolIcon} to="/courses" text="Courses" />
        {isStaff && (
          <SidebarItem icon={CreateIcon} to="/create" text="Create" />
        )}
        {isStaff && (
          <SidebarItem icon={CategoryIcon} to="/catalog" text="Catalog" />
        )}
        {role === 'admin' && (
          <SidebarItem icon={AdminIcon} to="/admin" text="Admin" />
        )}
        {role === 'admin' && (
          <SidebarItem
            icon={AuditIcon}
            to="/admin/desktop-audit"
            text="Audit log"
          />
        )}
        {role === 'admin' && (
          <SidebarItem
            icon={CapacityIcon}
            to="/admin/capacity"
            text="Capacity"
          />
        )}
        <SidebarDivider />
        <SidebarScrollWrapper />
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      <NotificationsSidebarItem />
      <SidebarDivider />
      <SidebarGroup
        label="Settings"
        icon={<UserSettingsSignInAvatar />}
        to="/settings"
      >
        <SidebarItem icon={PersonIcon} to="/account" text="My account" />
      </SidebarGroup>
    </Sidebar>
  );
};

export const SidebarContent = NavContentBlueprint.make({
  params: {
    component: () => <LabstageSidebar />,
  },
});
