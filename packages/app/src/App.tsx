import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import { navModule } from './modules/nav';
import { homeModule } from './modules/home';
import { kubernetesModule } from './modules/kubernetes';
import { signInModule } from './modules/signIn';
import { themeModule } from './modules/theme';

export default createApp({
  features: [
    catalogPlugin,
    // Also discovered (app.packages: all); listed so the module below always
    // has its plugin to attach to.
    kubernetesPlugin,
    kubernetesModule,
    navModule,
    homeModule,
    signInModule,
    themeModule,
  ],
});
