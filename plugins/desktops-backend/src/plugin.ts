import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  ACCOUNT_CHANGED_TOPIC,
  AccountChangedEvent,
} from '@internal/backstage-plugin-accounts-common';
import { accountsDirectoryServiceRef } from '@internal/backstage-plugin-accounts-node';
import { FALLBACK_TIME_ZONE } from '@internal/backstage-plugin-courses-common';
import { desktopsPermissions } from '@internal/backstage-plugin-desktops-common';
import {
  desktopPermissionRuleList,
  desktopResourceRef,
} from '@internal/backstage-plugin-desktops-node';
import {
  permissionDecisionCacheServiceRef,
  ResourceAuthorizer,
} from '@internal/backstage-plugin-labstage-node';
import { AuditLog, readAuditRetentionDays } from './audit/AuditLog';
import { ControlHandOff } from './control/ControlHandOff';
import { PresenceTracker } from './control/PresenceTracker';
import { DesktopCapacity } from './capacity/DesktopCapacity';
import { createClassroom } from './createClassroom';
import { createClassSessions } from './createClassSessions';
import { createDesktops } from './createDesktops';
import { createHourQuotas } from './quotas/createHourQuotas';
import { applyShareChanges } from './gateway/applyShareChanges';
import { DatabaseConnectTickets } from './gateway/ConnectTickets';
import { createGateway } from './gateway/createGateway';
import { revokeOnAccountChange } from './gateway/revokeOnAccountChange';
import { ImageCatalog } from './images/catalog';
import { classIdleStopExemptions } from './reconciler/classIdleStopExemptions';
import { Reconciler } from './reconciler/Reconciler';
import {
  desktopRuntimeExtensionPoint,
  ImageRegistryFactory,
  imageRegistryExtensionPoint,
  RuntimeFactory,
} from '@internal/backstage-plugin-desktops-node';
import {
  checkRegistryAtStartup,
  registryFromConfig,
} from './registry/registryFromConfig';
import { DockerDesktopRuntime } from './runtime/DockerDesktopRuntime';
import { DesktopResourceLoader } from './http/permissionResources';
import { createRouter } from './http/router';
import { readDesktopsSettings } from './service/settings';
import { rostersFromMemberships } from './sessions/sessionRosters';
import { CoursesPluginMemberships } from './sharing/CourseMemberships';
import { DesktopSharing } from './sharing/DesktopSharing';
import { notifyShareChanges } from './sharing/shareNotifications';
import { signalAccessChanges } from './sharing/signalAccessChanges';
import { applyMigrations, createDesktopsStore } from './store';
import { AuditStore } from './store/AuditStore';
import { VncPasswordVault } from './vnc/VncPasswordVault';

/** How often the reconciler compares the database with the runtime. */
const RECONCILE_EVERY_SECONDS = 10;
/** How often audit entries past their retention are deleted. */
const AUDIT_PURGE_EVERY_HOURS = 6;

/**
 * The desktops backend plugin: lifecycle service, REST API, reconciler and
 * the display gateway.
 *
 * @public
 */
export const desktopsPlugin = createBackendPlugin({
  pluginId: 'desktops',
  register(env) {
    let runtimeFactory: RuntimeFactory | undefined;
    env.registerExtensionPoint(desktopRuntimeExtensionPoint, {
      setRuntimeFactory(factory) {
        // Two runtime modules would each believe they run the desktops.
        if (runtimeFactory) {
          throw new Error(
            'A desktop runtime is already installed: only one desktops runtime module (desktops-backend-module-<engine>) may be added to the backend',
          );
        }
        runtimeFactory = factory;
      },
    });

    let registryFactory: ImageRegistryFactory | undefined;
    env.registerExtensionPoint(imageRegistryExtensionPoint, {
      setRegistryFactory(factory) {
        if (registryFactory) {
          throw new Error(
            'An image registry is already installed: only one image registry module (e.g. desktops-backend-module-harbor) may be added to the backend',
          );
        }
        registryFactory = factory;
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        httpRouter: coreServices.httpRouter,
        permissionDecisions: permissionDecisionCacheServiceRef,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        scheduler: coreServices.scheduler,
        signals: signalsServiceRef,
        directory: accountsDirectoryServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
      },
      async init({
        config,
        logger,
        database,
        httpAuth,
        auth,
        discovery,
        permissions,
        httpRouter,
        permissionDecisions,
        permissionsRegistry,
        lifecycle,
        scheduler,
        signals,
        directory,
        events,
        notifications,
      }) {
        // Bad config stops the backend here, with the offending key named.
        const catalog = ImageCatalog.fromConfig(config);
        const settings = readDesktopsSettings(config);
        const auditRetentionDays = readAuditRetentionDays(config);

        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await applyMigrations(knex);
        }
        const store = createDesktopsStore(knex);
        const hours = createHourQuotas({
          config,
          store,
          discovery,
          auth,
          logger,
        });
        const runtimeName =
          config.getOptionalString('desktops.runtime') ?? 'docker';
        if (!runtimeFactory && runtimeName !== 'docker') {
          throw new Error(
            `desktops.runtime is "${runtimeName}", but no runtime module for it is added to the backend (for "kubernetes": @internal/backstage-plugin-desktops-backend-module-kubernetes)`,
          );
        }
        const runtime = runtimeFactory
          ? runtimeFactory({ config, logger })
          : DockerDesktopRuntime.fromConfig(config, logger);
        const registry = registryFactory
          ? registryFactory({ config, logger })
          : registryFromConfig(config);
        lifecycle.addStartupHook(() =>
          checkRegistryAtStartup(registry, logger),
        );
        const tickets = DatabaseConnectTickets.fromConfig(config, { knex });
        const {
          service,
          decisions,
          gatewayDesktops,
          images,
          saves,
          environments,
          shareChanges,
        } = createDesktops({
          store,
          runtime,
          registry,
          catalog,
          directory,
          signals,
          logger,
          settings,
          vault: VncPasswordVault.fromConfig(config, logger),
          courseLaunchCheck: hours.quotas,
        });

        // Permission checks read the courses plugin as this plugin: the
        // permission backend applies conditions with service credentials.
        const courseMemberships = new CoursesPluginMemberships({
          discovery,
          auth,
          logger,
        });
        const resources = new DesktopResourceLoader({
          service,
          shares: store.shares,
          courses: courseMemberships,
          logger,
        });
        const sharing = new DesktopSharing({
          shares: store.shares,
          changes: shareChanges,
          courses: courseMemberships,
          directory,
          logger,
        });
        notifyShareChanges({
          changes: shareChanges,
          notifications,
          findDesktop: id => service.find(id),
          displayName: async ref =>
            (await sharing.displayNames([ref])).get(ref)!,
          logger,
        });
        signalAccessChanges({ changes: shareChanges, signals });

        permissionsRegistry.addResourceType({
          resourceRef: desktopResourceRef,
          permissions: desktopsPermissions,
          rules: desktopPermissionRuleList,
          getResources: ids => resources.load(ids),
        });

        // The gateway before the routes: the control and presence routes act
        // on its connections. WebSocket upgrades bypass express and its auth
        // policies; the single-use connect ticket is the credential (see
        // gateway/README.md).
        const gateway = createGateway({
          logger,
          tickets,
          desktops: gatewayDesktops,
          maxConnectionsPerDesktop: config.getOptionalNumber(
            'desktops.gateway.maxConnectionsPerDesktop',
          ),
        });
        const ownerOf = async (id: string) => (await service.find(id))?.owner;
        const audit = new AuditLog({
          store: new AuditStore(knex),
          logger,
          retentionDays: auditRetentionDays,
        });
        audit.recordConnections(gateway);
        audit.recordShareChanges(shareChanges, ownerOf);
        // Revoked shares cut connections, downgraded ones drop input.
        shareChanges.subscribe(applyShareChanges({ gateway, tickets, logger }));
        const presence = new PresenceTracker({
          gateway,
          directory,
          signals,
          logger,
          ownerOf,
        });
        const handOff = new ControlHandOff({
          gateway,
          audit,
          notifications,
          logger,
        });

        // Thumbnail readers go to the displays the gateway's way, but never
        // record activity: a classroom grid is not a viewer for idle stop.
        const { thumbnails, hands } = createClassroom({
          config,
          knex,
          displays: gatewayDesktops,
          courses: courseMemberships,
          signals,
          notifications,
          directory,
          logger,
        });

        // Capacity reads who is enrolled as this plugin (admins' report).
        const capacity = new DesktopCapacity({
          runtime,
          desktops: store.desktops,
          sessions: store.sessions,
          environments,
          courses: courseMemberships,
          defaultTimeZone:
            config.getOptionalString('courses.defaultTimeZone') ??
            FALLBACK_TIME_ZONE,
          logger,
        });

        httpRouter.use(
          await createRouter({
            config,
            logger,
            service,
            catalog,
            tickets,
            images,
            saves,
            environments,
            sessions: store.sessions,
            capacity,
            hourQuotas: hours.quotas,
            sessionRuns: store.sessionRuns,
            permissions,
            discovery,
            auth,
            directory,
            decisions: permissionDecisions,
            desktopAuthorizer: new ResourceAuthorizer({
              decisions: permissionDecisions,
              ruleset:
                permissionsRegistry.getPermissionRuleset(desktopResourceRef),
              getResources: ids => resources.load(ids),
            }),
            resources,
            sharing,
            handOff,
            presence,
            audit,
            thumbnails,
            hands,
            httpAuth,
          }),
        );

        httpRouter.addWebSocketHandler(gateway.webSocketHandler);
        const onAccountChange = revokeOnAccountChange({
          gateway,
          tickets,
          ownerOf,
          logger,
        });
        await events.subscribe({
          id: 'desktops-gateway-revocations',
          topics: [ACCOUNT_CHANGED_TOPIC],
          onEvent: ({ eventPayload }) =>
            onAccountChange(eventPayload as AccountChangedEvent),
        });

        const reconciler = new Reconciler({
          service,
          decisions,
          runtime,
          logger,
          idleStopMinutes: settings.idleStopMinutes,
          // Warmed-up class desktops wait for their students (issue 13).
          idleStopExemptions: classIdleStopExemptions({
            sessions: store.sessions,
            rosters: rostersFromMemberships(
              courseMemberships,
              config.getOptionalString('courses.defaultTimeZone') ??
                FALLBACK_TIME_ZONE,
            ),
            idleStopMinutes: settings.idleStopMinutes,
          }),
        });
        reconciler.watch();
        // Local scope: each backend instance corrects what it can see, and
        // the first pass runs right at startup (re-adopting desktops).
        await scheduler.scheduleTask({
          id: 'desktops-reconcile',
          scope: 'local',
          frequency: { seconds: RECONCILE_EVERY_SECONDS },
          timeout: { minutes: 2 },
          initialDelay: { seconds: 0 },
          fn: () => reconciler.runOnce(),
        });

        // Global: one instance stops desktops at their weekly hours.
        await hours.scheduleChecks({
          scheduler,
          service,
          notifications,
          logger,
        });

        // Global: one instance deletes for all (the table is shared).
        await scheduler.scheduleTask({
          id: 'desktops-audit-purge',
          scope: 'global',
          frequency: { hours: AUDIT_PURGE_EVERY_HOURS },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await audit.purgeExpired();
          },
        });

        // Warm-up before each class meeting, stop after it (issue 13).
        const classSessions = await createClassSessions({
          config,
          logger,
          scheduler,
          store,
          service,
          environments,
          memberships: courseMemberships,
          notifications,
          signals,
          directory,
          connectedViewers: id => gateway.connectionCount(id),
        });

        lifecycle.addShutdownHook(async () => {
          classSessions.close();
          reconciler.stop();
          thumbnails.close();
          handOff.close();
          presence.close();
          gateway.close();
          // The connections just closed are written before the database goes.
          await audit.flush();
          await service.close();
        });
      },
    });
  },
});
