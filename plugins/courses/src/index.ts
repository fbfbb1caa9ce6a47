/**
 * Labstage courses frontend.
 *
 * @packageDocumentation
 */

export { coursesPlugin as default } from './plugin';
export { MyCoursesCard } from './components/HomeCards/MyCoursesCard';
export { RecentAnnouncementsCard } from './components/HomeCards/RecentAnnouncementsCard';
export {
  coursesApiRef,
  CoursesClient,
  type CoursesApi,
} from './api/CoursesClient';
