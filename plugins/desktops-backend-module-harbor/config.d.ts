export interface Config {
  desktops?: {
    /**
     * Harbor, the image registry of a production install, replacing
     * `desktops.registry` once this module is added to the backend.
     */
    harbor?: {
      /** Harbor's address, e.g. `https://harbor.example.edu`; https unless on this machine. */
      url: string;
      /**
       * The account Labstage works as: it creates projects and project robot
       * accounts and pushes images, so a Harbor administrator or a system
       * robot account with those permissions (e.g. `robot$labstage`).
       */
      username: string;
      /** @visibility secret */
      password: string;
      /** The Harbor project of personal images. Default `labstage-personal`. */
      personalProject?: string;
      /**
       * Course projects are this prefix plus the course. Default
       * `labstage-course-`. Labstage only touches the personal project and
       * projects that start with this prefix.
       */
      courseProjectPrefix?: string;
    };
  };
}
