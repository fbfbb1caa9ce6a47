// The bench's own view of the cluster, as cluster-admin (the admin
// certificate of scripts/lib/kubernetes.sh), beside Labstage's: it watches
// pods independently of the backend and deletes them behind its back. Plain
// HTTPS on loopback to the API server; it never dials a pod.
import { readFileSync } from 'node:fs';
import { request, Agent } from 'node:https';
import { join } from 'node:path';

export type Pod = {
  metadata: {
    name: string;
    resourceVersion: string;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec?: { nodeName?: string };
  status?: { phase?: string };
};

export type WatchEvent = {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: Pod;
};

export class KubeAdmin {
  private readonly agent: Agent;
  private readonly url: URL;

  constructor(kubernetesDir: string, apiUrl: string) {
    const pki = join(kubernetesDir, 'pki');
    this.url = new URL(apiUrl);
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: 32,
      ca: readFileSync(join(pki, 'ca.crt')),
      cert: readFileSync(join(pki, 'admin.crt')),
      key: readFileSync(join(pki, 'admin.key')),
    });
  }

  private open(method: string, path: string) {
    return request({
      agent: this.agent,
      host: this.url.hostname,
      port: this.url.port,
      method,
      path,
      headers: { Accept: 'application/json' },
    });
  }

  /** A GET of a text resource, e.g. the API server's /metrics. */
  async text(path: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const req = this.open('GET', path);
      req.setHeader('Accept', 'text/plain');
      req.on('response', res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode === 200) resolve(text);
          else
            reject(
              new Error(`GET ${path}: ${res.statusCode} ${text.slice(0, 200)}`),
            );
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  /**
   * The API server's request counter (apiserver_request_total), summed per
   * "VERB resource[/subresource] code", and its priority-and-fairness
   * rejections (429s it answered instead of queueing).
   */
  async requestCounts(): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const line of (await this.text('/metrics')).split('\n')) {
      let key: string | undefined;
      if (line.startsWith('apiserver_request_total{')) {
        const label = (name: string) =>
          new RegExp(`[{,]${name}="([^"]*)"`).exec(line)?.[1] ?? '';
        const sub = label('subresource');
        key = `${label('verb')} ${label('resource')}${
          sub ? `/${sub}` : ''
        } ${label('code')}`;
      } else if (
        line.startsWith('apiserver_flowcontrol_rejected_requests_total{')
      ) {
        key = 'rejected by priority and fairness';
      }
      if (!key) continue;
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      counts.set(key, (counts.get(key) ?? 0) + value);
    }
    return counts;
  }

  async call<T>(
    method: string,
    path: string,
  ): Promise<{ status: number; body: T }> {
    return new Promise((resolve, reject) => {
      const req = this.open(method, path);
      req.on('response', res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: JSON.parse(text) as T,
            });
          } catch {
            reject(
              new Error(
                `${method} ${path}: ${res.statusCode} ${text.slice(0, 200)}`,
              ),
            );
          }
        });
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
  }

  async list<T = Pod>(
    path: string,
  ): Promise<{ items: T[]; resourceVersion: string }> {
    const { status, body } = await this.call<{
      items: T[];
      metadata: { resourceVersion: string };
    }>('GET', path);
    if (status !== 200) throw new Error(`GET ${path}: ${status}`);
    return {
      items: body.items,
      resourceVersion: body.metadata.resourceVersion,
    };
  }

  /** Deletes a pod as `kubectl delete pod` does (its own grace period). */
  async deletePod(namespace: string, name: string): Promise<number> {
    const { status } = await this.call(
      'DELETE',
      `/api/v1/namespaces/${namespace}/pods/${name}`,
    );
    return status;
  }

  /**
   * Lists the namespace's pods, then watches them from there on, calling
   * `onEvent` for each event (the listed pods first, as ADDED). Re-watches
   * from the last resource version if the server ends the watch. Returns a
   * function that stops it.
   */
  async watchPods(
    namespace: string,
    onEvent: (event: WatchEvent, receivedAt: number) => void,
  ): Promise<() => void> {
    const listed = await this.list(`/api/v1/namespaces/${namespace}/pods`);
    for (const pod of listed.items) {
      onEvent({ type: 'ADDED', object: pod }, performance.now());
    }
    let resourceVersion = listed.resourceVersion;
    let stopped = false;
    let current: ReturnType<KubeAdmin['open']> | undefined;
    const start = () => {
      if (stopped) return;
      const req = this.open(
        'GET',
        `/api/v1/namespaces/${namespace}/pods?watch=1&allowWatchBookmarks=true&resourceVersion=${resourceVersion}`,
      );
      current = req;
      req.on('response', res => {
        let buffered = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          const receivedAt = performance.now();
          buffered += chunk;
          let newline: number;
          while ((newline = buffered.indexOf('\n')) >= 0) {
            const line = buffered.slice(0, newline);
            buffered = buffered.slice(newline + 1);
            if (!line.trim()) continue;
            const event = JSON.parse(line) as WatchEvent;
            if (event.type === 'ERROR') {
              throw new Error(`pod watch failed: ${line.slice(0, 300)}`);
            }
            resourceVersion = event.object.metadata.resourceVersion;
            if (event.type !== 'BOOKMARK') onEvent(event, receivedAt);
          }
        });
        res.on('end', () => setTimeout(start, 100));
      });
      req.on('error', () => {
        if (!stopped) setTimeout(start, 500);
      });
      req.end();
    };
    start();
    return () => {
      stopped = true;
      current?.destroy();
      this.agent.destroy();
    };
  }
}
