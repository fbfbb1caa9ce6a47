import { Histogram, metrics } from '@opentelemetry/api';

let histogram: Histogram | undefined;

/**
 * `labstage_desktop_launch_seconds`: from the API call that asked for a
 * desktop to the display's first RFB greeting. Created lazily so the meter
 * provider installed at backend start is the one used.
 */
export function launchSecondsHistogram(): Histogram {
  if (!histogram) {
    histogram = metrics
      .getMeter('labstage-desktops')
      .createHistogram('labstage_desktop_launch_seconds', {
        description:
          'Time from a create/start request to the desktop display answering',
        unit: 's',
        advice: {
          explicitBucketBoundaries: [0.5, 1, 1.5, 2, 3, 5, 8, 13, 20, 30, 60],
        },
      });
  }
  return histogram;
}
