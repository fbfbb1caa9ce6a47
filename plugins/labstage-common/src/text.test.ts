import { z } from 'zod';
import {
  controlCharacterMessage,
  isSingleLineText,
  isStorableText,
  isWellFormedText,
  singleLineText,
  storableText,
  unstorableTextMessage,
} from './text';

const messages = (schema: z.ZodType, value: unknown) => {
  const result = schema.safeParse(value);
  return result.success ? [] : result.error.issues.map(i => i.message);
};

const EMOJI = '\u{1F600}'; // the pair \ud83d\ude00

// [value, well formed (no unpaired surrogate)]
const surrogateCases: Array<[string, boolean]> = [
  ['', true],
  ['plain', true],
  [`smile ${EMOJI}`, true],
  ['\ud83d\ude00\ud83d\ude00', true],
  ['\ud800', false],
  ['\udfff', false],
  ['a\ud800b', false],
  ['a\udc00b', false],
  ['\ud83d', false], // high half at the end
  ['\ude00\ud83d', false], // halves in the wrong order
  [`${EMOJI}\ud83d`, false],
];

describe('isWellFormedText', () => {
  it.each(surrogateCases)('%j → %p', (value, expected) => {
    expect(isWellFormedText(value)).toBe(expected);
  });

  describe('without String.prototype.isWellFormed (older browsers)', () => {
    const original = String.prototype.isWellFormed;
    beforeAll(() => {
      // @ts-expect-error simulating a runtime without ES2024
      delete String.prototype.isWellFormed;
    });
    afterAll(() => {
      // eslint-disable-next-line no-extend-native
      String.prototype.isWellFormed = original;
    });

    it.each(surrogateCases)('%j → %p', (value, expected) => {
      expect(typeof ''.isWellFormed).toBe('undefined');
      expect(isWellFormedText(value)).toBe(expected);
    });
  });
});

describe('isStorableText and isSingleLineText', () => {
  it.each([
    // value, storable, single line
    ['Linux 101', true, true],
    ['Zoë – café ½ 日本語', true, true],
    [`Lab ${EMOJI}`, true, true],
    ['non\u00a0breaking', true, true],
    ['a\u0000b', false, false],
    ['\u0000', false, false],
    ['a\ud800b', false, false],
    ['tab\there', true, false],
    ['line\nbreak', true, false],
    ['carriage\rreturn', true, false],
    ['esc\u001b[31m', true, false],
    ['bell\u0007', true, false],
    ['del\u007f', true, false],
    ['c1 \u0085 next line', true, false],
    ['line\u2028separator', true, false],
    ['para\u2029separator', true, false],
  ])('%j: storable %p, single line %p', (value, storable, singleLine) => {
    expect(isStorableText(value)).toBe(storable);
    expect(isSingleLineText(value)).toBe(singleLine);
  });
});

describe('storableText (multi-line fields)', () => {
  const body = storableText(
    'Body',
    z.string().trim().min(1, 'Body is required'),
  );

  it('keeps tabs, line breaks, escapes and emoji', () => {
    const text = `Output:\n\tok\r\n\u001b[32mgreen\u001b[0m\f${EMOJI}`;
    expect(body.parse(text)).toBe(text);
  });

  it('refuses NUL and unpaired surrogates with one readable message', () => {
    expect(messages(body, 'a\u0000b')).toEqual([
      "Body contains a character that can't be stored (NUL or an unpaired surrogate)",
    ]);
    expect(messages(body, 'a\udc00b')).toEqual([unstorableTextMessage('Body')]);
  });

  it('runs after the schema’s own checks and keeps their messages', () => {
    expect(body.parse('  text \n')).toBe('text');
    expect(messages(body, '   ')).toEqual(['Body is required']);
    expect(messages(body, 5)).toHaveLength(1);
  });

  it('defaults to a plain string schema', () => {
    expect(storableText('Password').parse(' a\tb ')).toBe(' a\tb ');
    expect(messages(storableText('Password'), '\u0000')).toEqual([
      unstorableTextMessage('Password'),
    ]);
  });
});

describe('singleLineText (titles, names, codes)', () => {
  const title = singleLineText(
    'Title',
    z.string().trim().min(1, 'Title is required').max(10, 'Too long'),
  );

  it('accepts ordinary text and trims before checking', () => {
    expect(title.parse(` Lab ${EMOJI} `)).toBe(`Lab ${EMOJI}`);
    // A pasted trailing newline is trimmed away, not refused.
    expect(title.parse('Linux\r\n')).toBe('Linux');
  });

  it.each(['a\tb', 'a\nb', 'a\u001bb', 'a\u007fb', 'a\u0085b', 'a\u2028b'])(
    'refuses the control character in %j',
    value => {
      expect(messages(title, value)).toEqual([
        'Title cannot contain control characters such as tabs or line breaks',
      ]);
    },
  );

  it.each(['a\u0000b', 'a\ud800b', '\u0000\t'])(
    'reports %j as unstorable, once',
    value => {
      expect(messages(title, value)).toEqual([unstorableTextMessage('Title')]);
    },
  );

  it('keeps working with optional() and default()', () => {
    const term = singleLineText('Term', z.string().trim());
    expect(term.optional().parse(undefined)).toBeUndefined();
    expect(term.default('').parse(undefined)).toBe('');
    expect(messages(term.optional(), 'a\tb')).toEqual([
      controlCharacterMessage('Term'),
    ]);
  });

  it('adds its issue next to a length issue', () => {
    expect(messages(title, 'x\u0000'.repeat(6))).toEqual([
      'Too long',
      unstorableTextMessage('Title'),
    ]);
  });
});
