import {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { AccountsDirectory } from '@internal/backstage-plugin-accounts-node';
import { Knex } from 'knex';
import { DesktopHands, HandCourses } from './hands/DesktopHands';
import { HandStore } from './hands/HandStore';
import {
  DesktopThumbnails,
  ThumbnailDisplays,
} from './thumbnails/DesktopThumbnails';
import { readThumbnailSettings } from './thumbnails/thumbnailSettings';

/** The classroom grid's parts: server-side thumbnails and raised hands. */
export type Classroom = {
  thumbnails: DesktopThumbnails;
  hands: DesktopHands;
};

/**
 * Builds the classroom parts. `displays` is where the thumbnail readers
 * find a desktop's display (the gateway's lookups, without its activity
 * recording); `courses` says who teaches a desktop's course.
 */
export function createClassroom(options: {
  config: RootConfigService;
  knex: Knex;
  displays: ThumbnailDisplays;
  courses: HandCourses;
  signals: SignalsService;
  notifications: NotificationService;
  directory: AccountsDirectory;
  logger: LoggerService;
}): Classroom {
  // Read first: bad config stops the backend here, naming the key.
  const settings = readThumbnailSettings(options.config);
  return {
    thumbnails: new DesktopThumbnails(
      options.displays,
      settings,
      options.logger,
    ),
    hands: new DesktopHands({
      store: new HandStore(options.knex),
      courses: options.courses,
      signals: options.signals,
      notifications: options.notifications,
      directory: options.directory,
      logger: options.logger,
    }),
  };
}
