import {
  controlCharacterMessage,
  unstorableTextMessage,
} from '@internal/backstage-plugin-labstage-common';
import { z } from 'zod';
import {
  addInstructorRequestSchema,
  commentRequestSchema,
  createCourseRequestSchema,
  createPostRequestSchema,
  internalEnrolmentRequestSchema,
  joinCourseRequestSchema,
  updateCourseRequestSchema,
  updatePostRequestSchema,
} from './schemas';

// Security review, issue 7 (low): every free-text field refuses U+0000 and
// unpaired surrogates; single-line ones also refuse control characters.

const NUL = '\u0000';
const LONE = '\ud800';

const messagesFor = (
  schema: z.ZodType,
  value: Record<string, unknown>,
  field: string,
) => {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues
        .filter(i => i.path.join('.') === field)
        .map(i => i.message);
};

const course = { title: 'Linux', code: 'CS101' };
const post = { board: 'qa', title: 'Help', body: 'How?' };

// [request, schema, valid request, field, label, single line]
const fields: Array<
  [string, z.ZodType, Record<string, unknown>, string, string, boolean]
> = [
  ['create course', createCourseRequestSchema, course, 'title', 'Title', true],
  ['create course', createCourseRequestSchema, course, 'term', 'Term', true],
  [
    'create course',
    createCourseRequestSchema,
    course,
    'description',
    'Description',
    false,
  ],
  ['update course', updateCourseRequestSchema, {}, 'title', 'Title', true],
  ['update course', updateCourseRequestSchema, {}, 'term', 'Term', true],
  [
    'update course',
    updateCourseRequestSchema,
    {},
    'description',
    'Description',
    false,
  ],
  ['join', joinCourseRequestSchema, {}, 'code', 'Join code', true],
  [
    'internal enrolment',
    internalEnrolmentRequestSchema,
    { username: 'alice' },
    'code',
    'Join code',
    true,
  ],
  ['create post', createPostRequestSchema, post, 'title', 'Title', true],
  ['create post', createPostRequestSchema, post, 'body', 'Body', false],
  ['update post', updatePostRequestSchema, {}, 'title', 'Title', true],
  ['update post', updatePostRequestSchema, {}, 'body', 'Body', false],
  ['comment', commentRequestSchema, {}, 'body', 'Body', false],
];

describe.each(fields)(
  '%s: %s',
  (_, schema, valid, field, label, singleLine) => {
    const withValue = (value: string) => ({ ...valid, [field]: value });

    it.each([
      ['NUL', `ab${NUL}c`],
      ['a lone surrogate', `ab${LONE}c`],
      ['a lone low surrogate', 'ab\udfffc'],
    ])('refuses %s', (_kind, value) => {
      expect(messagesFor(schema, withValue(value), field)).toEqual([
        unstorableTextMessage(label),
      ]);
    });

    it('accepts emoji (surrogate pairs)', () => {
      expect(schema.safeParse(withValue('ab \u{1F600} c')).success).toBe(true);
    });

    if (singleLine) {
      it.each(['a\tb', 'a\nb', 'a\u001bb', 'a\u2028b'])(
        'refuses the control character in %j',
        value => {
          expect(messagesFor(schema, withValue(value), field)).toEqual([
            controlCharacterMessage(label),
          ]);
        },
      );
    } else {
      it('keeps tabs and line breaks', () => {
        const text = 'line 1\n\tline 2\r\n';
        expect(schema.safeParse(withValue(text)).success).toBe(true);
      });
    }
  },
);

describe('patterned fields', () => {
  it.each([`CS${NUL}101`, `CS${LONE}101`, 'CS\t101'])(
    'course codes refuse %j',
    code => {
      expect(
        createCourseRequestSchema.safeParse({ title: 'x', code }).success,
      ).toBe(false);
    },
  );

  it.each([`alice${NUL}`, `alice${LONE}`])('usernames refuse %j', username => {
    expect(addInstructorRequestSchema.safeParse({ username }).success).toBe(
      false,
    );
    expect(
      internalEnrolmentRequestSchema.safeParse({ code: 'ABCD-2345', username })
        .success,
    ).toBe(false);
  });

  it('boards are an enum', () => {
    expect(
      createPostRequestSchema.safeParse({ ...post, board: `qa${NUL}` }).success,
    ).toBe(false);
  });
});
