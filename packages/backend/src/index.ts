// Labstage backend: wiring only. Everything Labstage-specific lives in plugins/.
// Metrics first: plugins create their labstage_* instruments as they load.
import './metrics';
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// Sign-in: local Labstage accounts, OIDC for SSO, guest in development only.
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(
  import('@internal/backstage-plugin-auth-backend-module-labstage-provider'),
);
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// Catalog, with users and groups (roles, courses) from Labstage accounts.
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@internal/backstage-plugin-catalog-backend-module-labstage-org'),
);

// One permission policy for roles, course ownership and enrolment.
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import(
    '@internal/backstage-plugin-permission-backend-module-labstage-policy'
  ),
);

backend.add(import('@internal/backstage-plugin-courses-backend'));
// Desktops: lifecycle, REST API, reconciler and the display gateway.
backend.add(import('@internal/backstage-plugin-desktops-backend'));
// Desktops as Kubernetes pods when desktops.runtime is `kubernetes`; idle otherwise.
backend.add(
  import('@internal/backstage-plugin-desktops-backend-module-kubernetes'),
);

backend.add(import('@backstage/plugin-scaffolder-backend'));
// labstage:* actions (save, build, publish, clone, create course), as the user.
backend.add(
  import('@internal/backstage-plugin-scaffolder-backend-module-labstage'),
);
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.start();
