export interface Config {
  labstage?: {
    demo?: {
      /** Create the demo accounts (admin, teacher, alice, bob) on start. */
      seed?: boolean;
    };
    accounts?: {
      /**
       * Limits on password guessing. A "client" is the request's address as
       * Express sees it: set `backend.trustProxy` behind a reverse proxy, or
       * every client shares the proxy's address. Counters are per backend
       * replica and in memory.
       */
      signInRateLimit?: {
        /** Window length in seconds for all counters below. Default 900. */
        windowSeconds?: number;
        /**
         * Failed sign-ins per account from one client address before that
         * client gets 429 on that account (others are unaffected). Default 5.
         */
        maxFailuresPerAccountAndClient?: number;
        /**
         * Failed sign-ins from one client address, across all accounts,
         * before the address gets 429 for every sign-in. Keep it far above
         * what a whole school behind one NAT mistypes. Default 1000.
         */
        maxFailuresPerClient?: number;
        /**
         * Failed sign-ins on one account, across all clients, after which
         * each sign-in to it is answered more slowly (never refused).
         * Default 10.
         */
        slowDownAfterAccountFailures?: number;
        /**
         * Longest slow-down in seconds; it starts at 0.25 s and doubles per
         * further failure. 0 turns it off. Default 3.
         */
        maxSlowDownSeconds?: number;
        /**
         * Wrong current passwords on `POST /accounts/me/password` per account
         * before it answers 429. Default 5.
         */
        maxPasswordChangeFailures?: number;
      };
    };
  };
}
