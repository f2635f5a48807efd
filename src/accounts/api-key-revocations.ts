import type { Database, Listener } from '../kernel/db/database.js';
import type { ApiKeyCache } from './api-key-cache.js';
import { API_KEY_REVOKED_CHANNEL } from './api-key-store.js';

/**
 * Makes a revocation hold at once in this process when another process on the same PostgreSQL
 * revoked the key: the revoking transaction NOTIFYs the key's id (`announceApiKeyRevoked`) and
 * this LISTENs and forgets it. While the listening connection is down a revocation could go
 * unheard, so the cache is cleared and stays off (every request asks the database) until it
 * listens again. On PGlite (one process per data directory) there is nothing to hear: undefined.
 */
export async function followApiKeyRevocations(
  db: Database,
  cache: ApiKeyCache,
): Promise<Listener | undefined> {
  if (!db.listen) return undefined;
  cache.distrust(); // until the first LISTEN holds
  return db.listen(API_KEY_REVOKED_CHANNEL, {
    onNotify: (keyId) => cache.forget(keyId),
    onListening: () => cache.trust(),
    onLost: () => cache.distrust(),
  });
}
