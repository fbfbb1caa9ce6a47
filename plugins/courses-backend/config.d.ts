export interface Config {
  courses?: {
    /**
     * IANA time zone (e.g. Europe/Berlin) of courses created without one,
     * of the demo course, and of the courses that existed before courses had
     * time zones. Class sessions are expressed in the course's zone.
     * Default 'UTC'.
     */
    defaultTimeZone?: string;
    materials?: {
      /** Largest accepted material upload in bytes. Default 104857600 (100 MiB). */
      maxBytes?: number;
      storage?: {
        /** Default 'filesystem'. */
        type?: 'filesystem' | 's3';
        filesystem?: {
          /** Default `<backend working directory>/.data/materials`. */
          directory?: string;
        };
        s3?: {
          bucket: string;
          region?: string;
          endpoint?: string;
          forcePathStyle?: boolean;
          accessKeyId?: string;
          /** @visibility secret */
          secretAccessKey?: string;
          /** Prepended to every object key. Default ''. */
          prefix?: string;
        };
      };
    };
  };
  labstage?: {
    demo?: {
      /** Seed the demo course CS101 once (idempotent). */
      seed?: boolean;
    };
  };
}
