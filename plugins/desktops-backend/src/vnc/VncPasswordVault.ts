import {
  createCipheriv,
  createDecipheriv,
  hkdfSync,
  randomBytes,
} from 'node:crypto';
import type {
  LoggerService,
  RootConfigService,
} from '@backstage/backend-plugin-api';

const FORMAT = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MIN_SECRET_LENGTH = 16;

/**
 * Seals display passwords for storage (AES-256-GCM), so a copy of the
 * database alone does not open anyone's desktop. The key comes from
 * `desktops.displayPasswordKey`; every backend instance that runs a gateway
 * needs the same one.
 */
export class VncPasswordVault {
  static fromConfig(
    config: RootConfigService,
    logger: LoggerService,
  ): VncPasswordVault {
    const secret = config.getOptionalString('desktops.displayPasswordKey');
    if (secret === undefined) {
      logger.warn(
        'desktops.displayPasswordKey is not set: display passwords are sealed with a key that lives only ' +
          'in this process, so desktops running across a backend restart must be restarted to be reached',
      );
      return new VncPasswordVault(randomBytes(32));
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      throw new Error(
        `desktops.displayPasswordKey must be at least ${MIN_SECRET_LENGTH} characters long`,
      );
    }
    return VncPasswordVault.fromSecret(secret);
  }

  static fromSecret(secret: string): VncPasswordVault {
    return new VncPasswordVault(
      Buffer.from(
        hkdfSync('sha256', secret, 'labstage-desktops', 'display-password', 32),
      ),
    );
  }

  private constructor(private readonly key: Buffer) {}

  seal(password: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([
      cipher.update(password, 'utf8'),
      cipher.final(),
    ]);
    return `${FORMAT}.${Buffer.concat([
      iv,
      cipher.getAuthTag(),
      sealed,
    ]).toString('base64url')}`;
  }

  /** Throws if the value was sealed with another key or tampered with. */
  open(value: string): string {
    const [format, body] = value.split('.');
    if (format !== FORMAT || !body) {
      throw new Error('Unknown sealed display password format');
    }
    const bytes = Buffer.from(body, 'base64url');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      this.key,
      bytes.subarray(0, IV_BYTES),
    );
    decipher.setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}
