// A keep-alive HTTP load: a fixed number of clients, each sending its next request as soon as the
// last one is answered (a closed loop, like autocannon), for a fixed time.
import { Agent, request as httpRequest } from 'node:http';

export type LoadRequest = { path: string; body: string; headers: Record<string, string> };

export type LoadResult = {
  /** Answers per second in the measured time (after the warm-up). */
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Seconds measured, and the latency of each answer in them (sorted): to merge windows. */
  seconds: number;
  latencies: number[];
  /** Every answer by status, warm-up included (0: no answer, e.g. a timeout). */
  statuses: Record<number, number>;
  /** Bodies of every 201, warm-up included, to check against the database. */
  created: string[];
};

type Answer = { status: number; body: string };

function send(agent: Agent, port: number, req: LoadRequest): Promise<Answer> {
  return new Promise((resolve) => {
    const call = httpRequest(
      {
        agent,
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: req.path,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(req.body), ...req.headers },
        timeout: 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    call.on('timeout', () => call.destroy(new Error('timeout')));
    call.on('error', () => resolve({ status: 0, body: '' }));
    call.end(req.body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)];
}

export async function runLoad(options: {
  port: number;
  clients: number;
  warmupSeconds: number;
  seconds: number;
  next: (client: number, i: number) => LoadRequest;
}): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const statuses: Record<number, number> = {};
  const created: string[] = [];
  const latencies: number[] = [];
  const start = performance.now();
  const measureFrom = start + options.warmupSeconds * 1000;
  const end = measureFrom + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) {
        const t0 = performance.now();
        const answer = await send(agent, options.port, options.next(client, i));
        const t1 = performance.now();
        statuses[answer.status] = (statuses[answer.status] ?? 0) + 1;
        if (answer.status === 201) created.push(answer.body);
        if (t0 >= measureFrom && t1 <= end) latencies.push(t1 - t0);
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return summary(options.seconds, latencies, statuses, created);
}

function summary(seconds: number, latencies: number[], statuses: Record<number, number>, created: string[]): LoadResult {
  return { perSec: latencies.length / seconds, p50Ms: percentile(latencies, 0.5), p99Ms: percentile(latencies, 0.99), seconds, latencies, statuses, created };
}

/** Several loads of one kind as one: their answers and measured seconds together. */
export function mergeLoads(loads: readonly LoadResult[]): LoadResult {
  const statuses: Record<number, number> = {};
  for (const load of loads) for (const [status, n] of Object.entries(load.statuses)) statuses[Number(status)] = (statuses[Number(status)] ?? 0) + n;
  const latencies = loads.flatMap((load) => load.latencies).sort((a, b) => a - b);
  const seconds = loads.reduce((sum, load) => sum + load.seconds, 0);
  return summary(seconds, latencies, statuses, loads.flatMap((load) => load.created));
}
