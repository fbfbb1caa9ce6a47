import { useEffect, useRef, useState } from 'react';
import {
  identityApiRef,
  useApi,
  useApiHolder,
} from '@backstage/core-plugin-api';
import { signalApiRef } from '@backstage/plugin-signals-react';

/**
 * Calls `onMessage` for every message on `channel` (none while it is
 * undefined). Like useOwnSignals, it subscribes directly rather than
 * through `useSignal`, which only exposes the last message.
 */
export function useSignalChannel<T>(
  channel: string | undefined,
  onMessage: (message: T) => void,
) {
  const signals = useApiHolder().get(signalApiRef);
  const handler = useRef(onMessage);
  handler.current = onMessage;
  useEffect(() => {
    if (!signals || !channel) return undefined;
    const { unsubscribe } = signals.subscribe(channel, message =>
      handler.current(message as unknown as T),
    );
    return unsubscribe;
  }, [signals, channel]);
}

/** The signed-in user's entity ref; undefined until known. */
export function useMyEntityRef(): string | undefined {
  const identityApi = useApi(identityApiRef);
  const [ref, setRef] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    identityApi
      .getBackstageIdentity()
      .then(identity => {
        if (!cancelled) setRef(identity.userEntityRef);
      })
      .catch(() => {
        // Without an identity nothing is "mine"; the server decides anyway.
      });
    return () => {
      cancelled = true;
    };
  }, [identityApi]);
  return ref;
}

/** Entity refs compare case-insensitively, as the server compares them. */
export function sameUser(a?: string | null, b?: string | null): boolean {
  if (!a || !b) return false;
  return a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');
}
