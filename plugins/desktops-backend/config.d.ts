export interface Config {
  desktops?: {
    /**
     * The OCI Distribution registry saved desktops and course environments
     * are pushed to (the start and test commands run one on 127.0.0.1). A
     * registry module (Harbor) replaces it. Without it, saving is off.
     */
    registry?: {
      /** e.g. `http://127.0.0.1:5000`; https unless on this machine. */
      url: string;
      username: string;
      /** @visibility secret */
      password: string;
    };
    /**
     * The images users can launch. Default: one entry `linux-desktop` →
     * `labstage/desktop:latest` (1 CPU, 1536 MiB, 512 pids).
     */
    images?: Array<{
      /** Lowercase letters, digits and dashes; unique. */
      id: string;
      title: string;
      description?: string;
      /** OCI image reference, e.g. `labstage/desktop:latest`. */
      image: string;
      resources?: {
        /** Default 1. */
        cpus?: number;
        /** Default 1536. */
        memoryMiB?: number;
        /** Default 512. */
        pids?: number;
      };
    }>;
    quota?: {
      /** Desktops per user in pending/starting/running. Default 2. */
      maxRunningPerUser?: number;
      /** Per-role overrides and resource caps (caps clamp the image's resources). */
      roles?: {
        admin?: {
          maxRunning?: number;
          maxCpus?: number;
          maxMemoryMiB?: number;
        };
        instructor?: {
          maxRunning?: number;
          maxCpus?: number;
          maxMemoryMiB?: number;
        };
        student?: {
          maxRunning?: number;
          maxCpus?: number;
          maxMemoryMiB?: number;
        };
      };
    };
    /** Running desktops unused this long are stopped (home kept). 0 disables. Default 60. */
    idleStopMinutes?: number;
    /**
     * Thumbnails of running desktops for the classroom grid, made on the
     * server by one reader per desktop (it never counts as use for
     * `idleStopMinutes`).
     */
    thumbnails?: {
      /** Least seconds between two screen updates a reader asks for. Default 2. */
      intervalSeconds?: number;
      /** A reader nobody asked for this long is closed. Default 15. */
      lingerSeconds?: number;
      /** Thumbnail width in pixels (JPEG). Default 320. */
      width?: number;
      /** JPEG quality, 1–100. Default 70. */
      quality?: number;
      /** How long a first request waits for a desktop's first picture. Default 5. */
      firstFrameWaitSeconds?: number;
      /** Readers open at once, over all desktops. Default 500. */
      maxReaders?: number;
    };
    /**
     * Class sessions (issue 13): the runner that starts every enrolled
     * student's course desktop before each meeting and stops unused ones
     * after it.
     */
    sessions?: {
      /** Desktops a warm-up starts at once, 1–64. Default 4 (one 2-core machine). */
      warmUpConcurrency?: number;
      /** Seconds between the runner's ticks (scheduler task `desktops-class-sessions`, global), 1–300. Default 15. */
      tickSeconds?: number;
    };
    /**
     * Weekly desktop hours per student and course (issue 13). Courses set
     * their own budget; admins set the default for the others (stored, PUT
     * /hour-defaults). Until an admin does, this config is the default.
     */
    quotas?: {
      /** Weekly hours per student of courses without a budget, 0–168; absent: no limit. */
      defaultWeeklyHours?: number;
      /** Seconds between hour checks (scheduler task `desktops-hour-quotas`, global), 1–3600. Default 60. */
      checkEverySeconds?: number;
    };
    /**
     * Where desktops run: `docker` (default; the local Docker Engine,
     * `desktops.docker`) or `kubernetes` (pods; needs the
     * desktops-backend-module-kubernetes module and `desktops.kubernetes`).
     */
    runtime?: 'docker' | 'kubernetes';
    docker?: {
      /** Docker Engine API socket. Default /var/run/docker.sock. */
      socketPath?: string;
      /** Network mode of desktop containers. Default 'none'. */
      network?: string;
      /**
       * Network mode of image builds (`labstage:image:build`). Default
       * 'none': a Dockerfile fragment that downloads fails until an admin
       * sets e.g. 'bridge'.
       */
      buildNetwork?: string;
    };
    /**
     * Host folder for the per-desktop display sockets and password files,
     * only the backend's user may enter it. Default
     * `<os.tmpdir()>/labstage-desktops`.
     */
    runDir?: string;
    /**
     * Seals each desktop's VNC password in the database (AES-256-GCM, key
     * derived with HKDF). At least 16 characters; every backend instance
     * that runs the gateway needs the same value. Unset: a per-process key,
     * so running desktops can't be reached after a backend restart until
     * they are restarted.
     * @visibility secret
     */
    displayPasswordKey?: string;
    gateway?: {
      /** Open viewer and control connections allowed per desktop. Default 64. */
      maxConnectionsPerDesktop?: number;
    };
    /** Labels this installation's containers, so installs sharing an engine stay apart. Default 'default'. */
    deploymentId?: string;
    files?: {
      /** Largest upload into ~/Uploads, in bytes. Default 104857600 (100 MiB). */
      maxUploadBytes?: number;
      /** Largest download from home, in bytes. Default 104857600 (100 MiB). */
      maxDownloadBytes?: number;
    };
    tickets?: {
      /** Lifetime of gateway connect tickets in seconds, 1–30. Default 30. */
      ttlSeconds?: number;
    };
    audit?: {
      /**
       * Days the desktop audit log keeps an entry (connections, shares,
       * control hand-offs, admin stops), 1–36500. Older entries are deleted
       * every 6 hours. Default 365.
       */
      retentionDays?: number;
    };
  };
}
