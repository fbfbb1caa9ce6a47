import type {
  ImageSave,
  ImageSavePhase,
} from '@internal/backstage-plugin-desktops-common';

/** What each phase of a save reads as. */
export const PHASE_LABELS: Record<ImageSavePhase, string> = {
  queued: 'Waiting to start',
  committing: 'Saving the installed software',
  'copying-home': 'Copying the home folder',
  building: 'Building the image',
  pushing: 'Uploading to the image registry',
  recording: 'Adding it to My images',
  done: 'Done',
};

const DESKTOP_SAVE_STEPS: readonly ImageSavePhase[] = [
  'queued',
  'committing',
  'copying-home',
  'pushing',
  'recording',
];

const BUILD_STEPS: readonly ImageSavePhase[] = [
  'queued',
  'building',
  'pushing',
  'recording',
];

/** The steps a save goes through: a desktop's save, or an image build. */
export function stepsOf(save: ImageSave): readonly ImageSavePhase[] {
  return save.desktopId ? DESKTOP_SAVE_STEPS : BUILD_STEPS;
}

/** Index of the current step; the number of steps once done. */
export function activeStepOf(save: ImageSave): number {
  if (save.state === 'succeeded' || save.phase === 'done') {
    return stepsOf(save).length;
  }
  return Math.max(0, stepsOf(save).indexOf(save.phase));
}

/** `python-lab:v2`: the image's own name (last path part) and version. */
export function saveLabel(save: Pick<ImageSave, 'repository' | 'tag'>) {
  return `${save.repository.split('/').pop()}:${save.tag}`;
}

/**
 * A legal image name suggested from a desktop's name: lowercase letters and
 * digits joined by "-" ("Python Lab #2" → "python-lab-2").
 */
export function suggestImageName(desktopName: string): string {
  const name = desktopName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return name || 'desktop';
}
