import { useState } from 'react';
import { InfoCard } from '@backstage/core-components';
import {
  LoadStatus,
  useReloadableAsync,
} from '@internal/backstage-plugin-labstage-react';
import { useDesktopsApi } from '../../api/hooks';
import { HourDefaultsForm } from './HourDefaultsForm';
import { HourDefaultsSummary } from './HourDefaultsSummary';

/**
 * The installation's weekly desktop hours for courses that set none of
 * their own, and whether class time counts there; admins change them here.
 */
export const HourDefaultsCard = () => {
  const api = useDesktopsApi();
  const defaults = useReloadableAsync(() => api.getHourDefaults(), [api]);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const current = defaults.value;
  return (
    <InfoCard
      title="Hour quota defaults"
      subheader="For courses that set no weekly hours of their own"
    >
      <LoadStatus
        loading={defaults.loading && !current}
        error={current ? undefined : defaults.error}
      />
      {current && !editing && (
        <HourDefaultsSummary
          defaults={current}
          saved={saved}
          onEdit={() => {
            setSaved(false);
            setEditing(true);
          }}
        />
      )}
      {current && editing && (
        <HourDefaultsForm
          defaults={current}
          onCancel={() => setEditing(false)}
          onSaved={async next => {
            await api.setHourDefaults(next);
            setEditing(false);
            setSaved(true);
            defaults.retry();
          }}
        />
      )}
    </InfoCard>
  );
};
