export interface Config {
  /** Labstage desktops (see plugins/desktops-backend/README.md). */
  desktops?: {
    /** @visibility backend */
    runDir?: string;
  };
}
