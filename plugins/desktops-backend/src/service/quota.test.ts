import { clampResources, maxRunningFor, overQuotaError } from './quota';
import { defaultDesktopsSettings } from './settings';

describe('quota rules', () => {
  const settings = defaultDesktopsSettings();
  settings.quota.roles.instructor = { maxRunning: 5, maxCpus: 4 };
  settings.quota.roles.student = { maxMemoryMiB: 1024, maxCpus: 0.5 };

  it('uses the role limit, else the per-user default of 2', () => {
    expect(maxRunningFor(settings, 'instructor')).toBe(5);
    expect(maxRunningFor(settings, 'student')).toBe(2);
    expect(maxRunningFor(settings, undefined)).toBe(2);
  });

  it('clamps the image resources to the role caps', () => {
    const image = { cpus: 2, memoryMiB: 4096, pids: 512 };
    expect(clampResources(image, settings.quota.roles.student!)).toEqual({
      cpus: 0.5,
      memoryMiB: 1024,
      pids: 512,
    });
    expect(clampResources(image, {})).toEqual(image);
  });

  it('explains the refusal', () => {
    expect(overQuotaError({ running: 2, maxRunning: 2 }).message).toBe(
      'You already have 2 desktops running (your limit is 2). Stop one to launch another.',
    );
    expect(overQuotaError({ running: 1, maxRunning: 1 }).message).toBe(
      'You already have 1 desktop running (your limit is 1). Stop one to launch another.',
    );
  });
});
