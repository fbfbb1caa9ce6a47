/**
 * The shared Labstage frontend kit: dialogs, relative time, error handling,
 * the REST client core and small hooks. Plugin-specific wording stays in
 * the plugins.
 *
 * @packageDocumentation
 */

export * from './components/BusyButton';
export * from './components/ConfirmDialog';
export * from './components/DangerButton';
export * from './components/DataTable';
export * from './components/DialogButtons';
export * from './components/DismissibleError';
export * from './components/FormDialog';
export * from './components/HomeCard';
export * from './components/LoadMore';
export * from './components/LoadStatus';
export * from './components/RelativeTime';
export * from './files';
export * from './hooks/useFormAction';
export * from './hooks/usePagedList';
export * from './hooks/usePluginApi';
export * from './hooks/useReloadableAsync';
export * from './http/errors';
export * from './http/RestClient';
export * from './extensions/coursePanels';
