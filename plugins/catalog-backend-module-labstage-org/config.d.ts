export interface Config {
  labstage?: {
    catalog?: {
      /** How often users and groups are re-published. Default 10 seconds. */
      orgRefreshSeconds?: number;
    };
  };
}
