// The instructor's Classroom tab as a script, polling the way the real one
// does (plugins/desktops/src/components/Classroom): the roster every 10 s
// (CLASSROOM_REFRESH_MS) and each thumbnail 3 s after its previous read
// ended (THUMBNAIL_REFRESH_MS), with the last ETag in If-None-Match; over
// at most 6 keep-alive connections, as a browser's HTTP/1.1 to one host.
// It counts the bytes each response puts on the wire (status line, headers
// and body, 304s included).
import { Agent, request } from 'node:http';
import { apiUrl } from './platform.ts';

const THUMBNAIL_REFRESH_MS = 3000;
const CLASSROOM_REFRESH_MS = 10_000;

/** One thumbnail answer with a picture. */
export type Picture = {
  path: string;
  /** Date.now() when the answer was in. */
  receivedAt: number;
  /** The server's X-Thumbnail-Captured-At, as Date.now() milliseconds. */
  capturedAt: number;
  body: Buffer;
};

type Answer = { status: number; headers: Headers; body: Buffer; wire: number };
type Headers = Record<string, string | string[] | undefined>;

export type GridTraffic = {
  seconds: number;
  /** Wire bytes of thumbnail answers, per thumbnail path. */
  bytesByPath: Map<string, number>;
  /** New pictures (200s), per thumbnail path. */
  picturesByPath: Map<string, number>;
  rosterBytes: number;
  statuses: Record<string, number>;
  /** Thumbnail request durations, ms. */
  latenciesMs: number[];
};

export class ClassroomGrid {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 6 });
  readonly #token: string;
  readonly #courseId: string;
  #paths: string[] = [];
  #loops: Promise<void>[] = [];
  #stopped = false;
  #traffic: GridTraffic = ClassroomGrid.#emptyTraffic();
  #windowStart = performance.now();
  /** Called for every answer that carries a picture (200). */
  onPicture?: (picture: Picture) => void;

  constructor(token: string, courseId: string) {
    this.#token = token;
    this.#courseId = courseId;
  }

  static #emptyTraffic(): GridTraffic {
    return {
      seconds: 0,
      bytesByPath: new Map(),
      picturesByPath: new Map(),
      rosterBytes: 0,
      statuses: {},
      latenciesMs: [],
    };
  }

  /** Reads the roster; the thumbnail paths of the running desktops. */
  async roster(): Promise<string[]> {
    const answer = await this.#get(
      `/api/desktops/courses/${this.#courseId}/classroom`,
    );
    this.#traffic.rosterBytes += answer.wire;
    if (answer.status !== 200)
      throw new Error(`classroom: ${answer.status} ${answer.body}`);
    const { items } = JSON.parse(answer.body.toString()) as {
      items: Array<{ thumbnailPath: string | null }>;
    };
    this.#paths = items.flatMap(s =>
      s.thumbnailPath ? [s.thumbnailPath] : [],
    );
    return this.#paths;
  }

  /** Opens the tab: every thumbnail is read at once, then every 3 s. */
  start() {
    this.#stopped = false;
    this.#loops = [
      ...this.#paths.map(path => this.#thumbnailLoop(path)),
      this.#rosterLoop(),
    ];
  }

  /** Closes the tab: no more reads once those in flight are done. */
  async stop() {
    this.#stopped = true;
    await Promise.all(this.#loops);
  }

  /** Starts a new counting window. */
  resetTraffic() {
    this.#traffic = ClassroomGrid.#emptyTraffic();
    this.#windowStart = performance.now();
  }

  /** What the grid received since the last resetTraffic(). */
  traffic(): GridTraffic {
    // A copy: the loops keep counting into the live one.
    const t = this.#traffic;
    return {
      seconds: (performance.now() - this.#windowStart) / 1000,
      bytesByPath: new Map(t.bytesByPath),
      picturesByPath: new Map(t.picturesByPath),
      rosterBytes: t.rosterBytes,
      statuses: { ...t.statuses },
      latenciesMs: [...t.latenciesMs],
    };
  }

  async #thumbnailLoop(path: string) {
    let etag: string | undefined;
    while (!this.#stopped) {
      const started = performance.now();
      try {
        const answer = await this.#get(
          `/api/desktops${path}`,
          etag ? { 'If-None-Match': etag } : {},
        );
        const t = this.#traffic;
        t.latenciesMs.push(performance.now() - started);
        t.bytesByPath.set(path, (t.bytesByPath.get(path) ?? 0) + answer.wire);
        t.statuses[answer.status] = (t.statuses[answer.status] ?? 0) + 1;
        if (answer.status === 200) {
          t.picturesByPath.set(path, (t.picturesByPath.get(path) ?? 0) + 1);
          etag = String(answer.headers.etag);
          this.onPicture?.({
            path,
            receivedAt: Date.now(),
            capturedAt: Date.parse(
              String(answer.headers['x-thumbnail-captured-at']),
            ),
            body: answer.body,
          });
        }
      } catch (e) {
        const key = `error: ${(e as Error).message}`;
        this.#traffic.statuses[key] = (this.#traffic.statuses[key] ?? 0) + 1;
      }
      await this.#pause(THUMBNAIL_REFRESH_MS);
    }
  }

  async #rosterLoop() {
    for (;;) {
      await this.#pause(CLASSROOM_REFRESH_MS);
      if (this.#stopped) return;
      await this.roster().catch(() => undefined);
    }
  }

  /** Sleeps `ms`, or less once the grid stops. */
  async #pause(ms: number) {
    const until = performance.now() + ms;
    while (!this.#stopped && performance.now() < until) {
      await new Promise(r =>
        setTimeout(r, Math.min(250, until - performance.now())),
      );
    }
  }

  #get(path: string, extra: Record<string, string> = {}): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(
        `${apiUrl}${path}`,
        {
          agent: this.#agent,
          headers: { Authorization: `Bearer ${this.#token}`, ...extra },
        },
        res => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const body = Buffer.concat(chunks);
            // What HTTP/1.1 put on the wire for this answer (responses
            // here carry Content-Length, not chunks).
            let head = `HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\n`;
            for (let i = 0; i < res.rawHeaders.length; i += 2)
              head += `${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}\r\n`;
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body,
              wire: Buffer.byteLength(`${head}\r\n`) + body.length,
            });
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
  }
}
