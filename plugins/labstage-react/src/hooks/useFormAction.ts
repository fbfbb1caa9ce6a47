import { useCallback, useState } from 'react';
import { errorMessage } from '../http/errors';

/** @public */
export type FormAction = {
  busy: boolean;
  /** Why the last attempt failed, ready to show; or a validation message. */
  error?: string;
  setError: (message: string | undefined) => void;
  /**
   * Runs `action` with `busy` set and the last error cleared; a throw
   * becomes `error`. Resolves to whether it succeeded.
   */
  run: (action: () => Promise<unknown>) => Promise<boolean>;
};

/**
 * The busy flag and error message of a form that sends something.
 *
 * @public
 */
export function useFormAction(): FormAction {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = useCallback(async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
      return true;
    } catch (e) {
      setError(errorMessage(e));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
