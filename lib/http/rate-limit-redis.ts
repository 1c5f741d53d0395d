import { createClient } from '@redis/client';

/**
 * Rate-limit counters in Redis (REDIS_URL): one key per (limit key, window), incremented and given
 * an expiry at the window's end in one MULTI, so every instance shares them and Redis forgets them
 * by itself. lib/http/rate-limit.ts chooses this store when REDIS_URL is set.
 *
 * Unlike the PostgreSQL store, a hit counted here is not part of the caller's transaction: an
 * intake batch that fails afterwards has still used its reporters' hits (stricter, never looser).
 */
function newClient(url: string) {
  const state = { connected: false };
  const client = createClient({
    url,
    // Fail at once while disconnected instead of queueing: a request must not wait for Redis.
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2000,
      // Reconnect after a lost connection; a first connection that fails is given up (the next
      // request tries again), so a request never waits on a Redis that was never there.
      reconnectStrategy: (retries: number, cause: Error) => (state.connected ? Math.min(100 * 2 ** retries, 2000) : cause),
    },
  });
  client.on('ready', () => (state.connected = true));
  return client;
}

type Client = ReturnType<typeof newClient>;

const PREFIX = 'sp:rl:';

/** Thrown when Redis cannot be reached: the API answers 503 with Retry-After, as for the database. */
export class RateLimitStoreUnavailable extends Error {
  readonly code = 'ECONNREFUSED';
}

const clients = new Map<string, Promise<Client>>();

function connect(url: string): Promise<Client> {
  let client = clients.get(url);
  if (!client) {
    const created = newClient(url);
    let reported = false;
    created.on('error', (error: Error) => {
      if (!reported) console.error(`Redis (rate limits): ${error.message}`);
      reported = true;
    });
    created.on('ready', () => (reported = false));
    client = created.connect().then(() => created);
    client.catch(() => {
      clients.delete(url);
      created.destroy();
    });
    clients.set(url, client);
  }
  return client;
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  try {
    return await work(await connect(url));
  } catch (cause) {
    throw new RateLimitStoreUnavailable('The rate-limit store (Redis) is not reachable', { cause });
  }
}

function keyOf(key: string, windowStart: Date) {
  return `${PREFIX}${key}:${windowStart.getTime()}`;
}

/**
 * Adds `count` hits per key in one round trip; answers each key's count after its hits. A counter
 * expires when its window ends (`msLeft` from now, by the caller's clock, which tests move).
 */
export async function redisHits(url: string, hits: ReadonlyMap<string, number>, windowStart: Date, msLeft: number): Promise<Map<string, number>> {
  return withClient(url, async (client) => {
    const multi = client.multi();
    for (const [key, count] of hits) multi.incrBy(keyOf(key, windowStart), count).pExpire(keyOf(key, windowStart), Math.max(1, Math.ceil(msLeft)));
    const replies = await multi.exec();
    const after = new Map<string, number>();
    [...hits.keys()].forEach((key, i) => after.set(key, Number(replies[2 * i])));
    return after;
  });
}

// Takes back ARGV[1] hits, never below zero, and never creates a counter that already expired.
const RELEASE =
  "local n = tonumber(redis.call('get', KEYS[1]) or '0') if n > 0 then return redis.call('decrby', KEYS[1], math.min(n, tonumber(ARGV[1]))) end return 0";

export async function redisRelease(url: string, key: string, windowStart: Date, hits: number): Promise<void> {
  await withClient(url, (client) => client.eval(RELEASE, { keys: [keyOf(key, windowStart)], arguments: [String(hits)] }));
}

export async function redisClear(url: string, key: string, windowStart: Date): Promise<void> {
  await withClient(url, (client) => client.del(keyOf(key, windowStart)));
}

/** Whether Redis answers a PING, for the health check. */
export async function redisReachable(url: string): Promise<boolean> {
  try {
    await withClient(url, (client) => client.ping());
    return true;
  } catch {
    return false;
  }
}

/** Closes the connections (tests; a server process keeps its connection until it exits). */
export async function closeRedisClients() {
  const open = [...clients.values()];
  clients.clear();
  await Promise.all(open.map((c) => c.then((client) => client.close()).catch(() => {})));
}
