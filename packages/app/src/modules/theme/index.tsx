import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { ThemeBlueprint } from '@backstage/plugin-app-react';
import {
  createUnifiedTheme,
  genPageTheme,
  palettes,
  shapes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import LightIcon from '@material-ui/icons/WbSunny';

// A calm school blue; one page theme for every page keeps headers consistent.
const labstageLight = createUnifiedTheme({
  palette: {
    ...palettes.light,
    primary: { main: '#0b6e99' },
    secondary: { main: '#f4a259' },
    navigation: {
      ...palettes.light.navigation,
      background: '#0b3954',
      indicator: '#4fc3f7',
      selectedColor: '#ffffff',
    },
  },
  defaultPageTheme: 'home',
  pageTheme: {
    home: genPageTheme({ colors: ['#0b3954', '#0b6e99'], shape: shapes.wave }),
    tool: genPageTheme({ colors: ['#0b3954', '#0b6e99'], shape: shapes.round }),
  },
});

const labstageTheme = ThemeBlueprint.make({
  name: 'labstage-light',
  params: {
    theme: {
      id: 'labstage-light',
      title: 'Labstage',
      variant: 'light',
      icon: <LightIcon />,
      Provider: ({ children }) => (
        <UnifiedThemeProvider theme={labstageLight} children={children} />
      ),
    },
  },
});

export const themeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [labstageTheme],
});
