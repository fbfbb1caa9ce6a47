export interface Config {
  labstage?: {
    demo?: {
      /** Create the demo accounts (admin, teacher, alice, bob) on start. */
      seed?: boolean;
    };
    accounts?: {
      signInRateLimit?: {
        /** Failed sign-ins per account per window. Default 5. */
        maxFailuresPerAccount?: number;
        /** Failed sign-ins per client IP per window. Default 50. */
        maxFailuresPerIp?: number;
        /** Window length in seconds. Default 900. */
        windowSeconds?: number;
      };
    };
  };
}
