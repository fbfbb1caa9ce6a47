import {
  createCourseRequestSchema,
  createPostRequestSchema,
  listPostsQuerySchema,
  updateCourseRequestSchema,
} from './schemas';
import { coursesPermissions, COURSE_RESOURCE_TYPE } from './permissions';

describe('courses schemas', () => {
  it('fills defaults for a new course', () => {
    expect(
      createCourseRequestSchema.parse({ title: ' Linux ', code: 'CS101' }),
    ).toEqual({ title: 'Linux', code: 'CS101', term: '', description: '' });
  });

  it('rejects an empty title with a readable message', () => {
    const result = createCourseRequestSchema.safeParse({
      title: '',
      code: 'CS101',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toBe('Title is required');
  });

  it('rejects empty and unknown updates', () => {
    expect(updateCourseRequestSchema.safeParse({}).success).toBe(false);
    expect(updateCourseRequestSchema.safeParse({ owner: 'x' }).success).toBe(
      false,
    );
    expect(updateCourseRequestSchema.parse({ archived: true })).toEqual({
      archived: true,
    });
  });

  it('validates boards and page sizes', () => {
    expect(
      createPostRequestSchema.safeParse({ board: 'x', title: 't', body: 'b' })
        .success,
    ).toBe(false);
    expect(listPostsQuerySchema.parse({ board: 'qa' })).toEqual({
      board: 'qa',
      page: 1,
      pageSize: 20,
    });
    expect(
      listPostsQuerySchema.safeParse({ board: 'qa', pageSize: '51' }).success,
    ).toBe(false);
  });

  it('declares unique permission names with course resources', () => {
    const names = coursesPermissions.map(p => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(
      coursesPermissions.filter(p => p.type === 'resource').map(p => p.name),
    ).toEqual([
      'courses.course.read',
      'courses.course.update',
      'courses.roster.read',
      'courses.roster.manage',
      'courses.content.read',
      'courses.announcement.create',
      'courses.post.create',
      'courses.post.moderate',
      'courses.material.manage',
      'courses.environment.manage',
    ]);
    const resourceTypes = coursesPermissions.flatMap(p =>
      p.type === 'resource' ? [p.resourceType] : [],
    );
    expect(new Set(resourceTypes)).toEqual(new Set([COURSE_RESOURCE_TYPE]));
  });
});
