import {
  controlCharacterMessage,
  unstorableTextMessage,
} from '@internal/backstage-plugin-labstage-common';
import {
  changePasswordRequestSchema,
  resetPasswordRequestSchema,
  signInRequestSchema,
  signUpRequestSchema,
} from './schemas';
import { deleteOwnAccountRequestSchema } from './deletion';

// Security review, issue 7 (low): names refuse U+0000, unpaired surrogates
// and control characters; new passwords refuse U+0000 and unpaired
// surrogates; fields that only verify a password accept anything.

const NUL = '\u0000';
const LONE = '\ud800';

const signUp = (overrides: Record<string, unknown>) =>
  signUpRequestSchema.safeParse({
    username: 'alice',
    displayName: 'Alice',
    email: 'alice@example.com',
    password: 'alice-secret',
    ...overrides,
  });

const messagesAt = (
  result: {
    success: boolean;
    error?: {
      issues: Array<{ message: string; path: PropertyKey[] }>;
    };
  },
  field: string,
) =>
  result.success
    ? []
    : result
        .error!.issues.filter(i => i.path.join('.') === field)
        .map(i => i.message);

describe('sign-up', () => {
  it.each([`Alice${NUL}`, `Alice${LONE}`, '\udc00Alice'])(
    'refuses display name %j as unstorable',
    displayName => {
      expect(messagesAt(signUp({ displayName }), 'displayName')).toEqual([
        unstorableTextMessage('Display name'),
      ]);
    },
  );

  it.each(['Alice\tB', 'Alice\nAdmin', 'Alice\u001b[1m', 'Alice\u2029Bob'])(
    'refuses the control character in display name %j',
    displayName => {
      expect(messagesAt(signUp({ displayName }), 'displayName')).toEqual([
        controlCharacterMessage('Display name'),
      ]);
    },
  );

  it('accepts display names in any script, with emoji, trimmed', () => {
    const result = signUp({ displayName: ' Zoë 李 \u{1F600}\n' });
    expect(result.success).toBe(true);
    expect(result.data?.displayName).toBe('Zoë 李 \u{1F600}');
  });

  it.each([`ABCD${NUL}`, `ABCD${LONE}`, 'AB\tCD'])(
    'refuses join code %j',
    joinCode => {
      expect(messagesAt(signUp({ joinCode }), 'joinCode')).toHaveLength(1);
    },
  );

  it.each([`alice${NUL}`, `alice${LONE}`])(
    'the username pattern refuses %j',
    username => {
      expect(signUp({ username }).success).toBe(false);
    },
  );

  it.each([
    `alice${NUL}@example.com`,
    `alice@example.com${NUL}`,
    `alice${LONE}@example.com`,
    'alice\n@example.com',
  ])('the e-mail pattern refuses %j', email => {
    expect(messagesAt(signUp({ email }), 'email')).toEqual([
      'Email address is not valid',
    ]);
  });
});

describe('passwords', () => {
  it.each([`secret-${NUL}-pass`, `secret-${LONE}-pass`])(
    'new passwords refuse %j',
    password => {
      const expected = [unstorableTextMessage('Password')];
      expect(messagesAt(signUp({ password }), 'password')).toEqual(expected);
      expect(
        messagesAt(
          changePasswordRequestSchema.safeParse({
            currentPassword: 'old-secret',
            newPassword: password,
          }),
          'newPassword',
        ),
      ).toEqual(expected);
      expect(
        messagesAt(
          resetPasswordRequestSchema.safeParse({ newPassword: password }),
          'newPassword',
        ),
      ).toEqual(expected);
    },
  );

  it('new passwords may hold tabs, other controls and emoji', () => {
    expect(signUp({ password: 'tab\there\u0007 \u{1F600}' }).success).toBe(
      true,
    );
  });

  it('fields that only verify a password accept anything', () => {
    const odd = `old${NUL}${LONE}\t`;
    expect(
      signInRequestSchema.safeParse({ username: 'alice', password: odd })
        .success,
    ).toBe(true);
    expect(
      changePasswordRequestSchema.safeParse({
        currentPassword: odd,
        newPassword: 'new-secret',
      }).success,
    ).toBe(true);
    expect(
      deleteOwnAccountRequestSchema.safeParse({ password: odd }).success,
    ).toBe(true);
  });
});

describe('sign-in username', () => {
  it.each([`alice${NUL}`, `alice${LONE}`])('refuses %j with 400', username => {
    expect(
      messagesAt(
        signInRequestSchema.safeParse({ username, password: 'x' }),
        'username',
      ),
    ).toEqual([unstorableTextMessage('Username')]);
  });

  it('does not apply the username pattern (malformed names get a 401)', () => {
    expect(
      signInRequestSchema.safeParse({ username: 'Not A Name!', password: 'x' })
        .success,
    ).toBe(true);
  });
});
