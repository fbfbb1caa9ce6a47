import type { AgentOptions } from 'node:https';
import { KubeConfig } from '@kubernetes/client-node';
import type { RequestContext } from '@kubernetes/client-node';
import { Agent, type Dispatcher } from 'undici';

/** Connections to the API server at most; further requests queue in the pool. */
const MAX_CONNECTIONS = 32;

/**
 * A KubeConfig whose API clients share one keep-alive connection pool.
 * client-node 2.0.1 builds a new undici Agent for every request, so every
 * call paid a TLS handshake (a third of the backend's CPU in a class start
 * of 1,000 desktops) and a burst opened as many connections as it had
 * requests. Credentials (headers) are still applied per request, so rotated
 * ServiceAccount tokens keep working; only the TLS pool is shared.
 */
export class PooledKubeConfig extends KubeConfig {
  private pool?: { key: string; dispatcher: Promise<Dispatcher | undefined> };

  override async applySecurityAuthentication(
    context: RequestContext,
  ): Promise<void> {
    await super.applySecurityAuthentication(context);
    const fresh = context.getDispatcher();
    const shared = await this.sharedDispatcher();
    // Proxies and SOCKS keep client-node's own dispatcher.
    if (!fresh || !shared) return;
    void fresh.close();
    context.setDispatcher(shared);
  }

  /** Closes the pooled connections (backend shutdown). */
  async closeConnections(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await (await pool?.dispatcher)?.close();
  }

  private sharedDispatcher(): Promise<Dispatcher | undefined> {
    // Keyed by cluster and user, as client-node keys its own agent cache.
    const key = JSON.stringify([
      this.getCurrentCluster()?.name,
      this.getCurrentUser()?.name,
    ]);
    if (this.pool?.key !== key) {
      const previous = this.pool;
      this.pool = { key, dispatcher: this.pooledAgent() };
      void previous?.dispatcher.then(d => d?.close());
    }
    return this.pool.dispatcher;
  }

  private async pooledAgent(): Promise<Dispatcher | undefined> {
    const tls: AgentOptions = {};
    await this.applyToHTTPSOptions(tls);
    const options = this.createDispatcherOptions(this.getCurrentCluster(), {
      ca: tls.ca,
      cert: tls.cert,
      key: tls.key,
      pfx: tls.pfx,
      passphrase: tls.passphrase,
      rejectUnauthorized: tls.rejectUnauthorized,
      servername: tls.servername,
    });
    if (options.type !== 'agent') return undefined;
    return new Agent({
      connect: options.connect,
      connections: MAX_CONNECTIONS,
    });
  }
}
