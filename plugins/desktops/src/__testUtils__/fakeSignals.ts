import { act, waitFor } from '@testing-library/react';

/** A signals API whose messages the test sends, per channel. */
export function fakeSignals() {
  const listeners: Array<{
    channel: string;
    onMessage: (message: any) => void;
  }> = [];
  const api = {
    subscribe: (channel: string, onMessage: (message: any) => void) => {
      const listener = { channel, onMessage };
      listeners.push(listener);
      return {
        unsubscribe: () => {
          listeners.splice(listeners.indexOf(listener), 1);
        },
      };
    },
  };
  return {
    api,
    listeners,
    /** Waits until someone listens on `channel`. */
    async subscribed(channel: string) {
      await waitFor(() =>
        expect(listeners.map(l => l.channel)).toContain(channel),
      );
    },
    send(channel: string, message: unknown) {
      act(() => {
        for (const l of listeners.filter(x => x.channel === channel)) {
          l.onMessage(message);
        }
      });
    },
  };
}
