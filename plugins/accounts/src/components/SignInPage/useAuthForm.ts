import { FormEvent, useState } from 'react';
import { describeAuthError } from './describeAuthError';
import { FieldErrors, hasErrors } from './validation';

/**
 * State and submit handling shared by the sign-in and sign-up forms: fields,
 * per-field errors (cleared as the user types), the server's error and a
 * busy flag that stays on after success (the page moves on).
 */
export function useAuthForm<F extends Record<string, string>>(options: {
  initial: F;
  mode: 'signin' | 'signup';
  validate: (fields: F) => FieldErrors<F>;
  send: (fields: F) => Promise<void>;
  /** The field a server error is about, to show it there too. */
  fieldOfError?: (error: unknown, message: string) => keyof F | undefined;
}) {
  const [fields, setFields] = useState<F>(options.initial);
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [serverError, setServerError] = useState<string>();
  const [busy, setBusy] = useState(false);

  const set = (key: keyof F) => (value: string) => {
    setFields(f => ({ ...f, [key]: value }));
    setErrors(e => ({ ...e, [key]: undefined }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError(undefined);
    const found = options.validate(fields);
    setErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await options.send(fields);
    } catch (e) {
      const message = describeAuthError(e, options.mode);
      const field = options.fieldOfError?.(e, message);
      if (field) setErrors(prev => ({ ...prev, [field]: message }));
      setServerError(message);
      setBusy(false);
    }
  };

  return { fields, errors, serverError, busy, set, submit };
}
