export interface Config {
  labstage?: {
    scaffolder?: {
      /**
       * How long labstage:desktop:save, labstage:desktop:clone (from a
       * desktop) and labstage:image:build wait for a save or build before
       * giving up. Default 30 minutes.
       */
      imageSaveTimeoutMinutes?: number;
    };
  };
}
