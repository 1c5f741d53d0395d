import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { issuesText } from '@/lib/zod-checks';

/**
 * Every environment variable the server reads, validated once.
 * README.md ("Configuration") documents each of them; keep the two in step.
 */
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .url()
    .regex(/^postgres(ql)?:\/\//, 'postgres:// or postgresql:// URL')
    .optional(),
  PGLITE_DIR: z.string().min(1).default('./data/pglite'),
  CITY: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('luenen'),
  AUTH_SECRET: z.string().min(16).optional(),
  /** The portal's public address; an https:// address makes the session cookies Secure. */
  AUTH_URL: z.string().url().optional(),
  /**
   * Auth.js trusts the Host header with any value here, "false" included; so only "true" (or "1")
   * is taken, and anything else stops the server instead of meaning the opposite.
   */
  AUTH_TRUST_HOST: z.enum(['true', '1'], { message: 'true, or leave it unset (Auth.js would read any value, "false" too, as true)' }).optional(),
  /** The city's OpenID Connect identity provider (Keycloak, Entra ID, …): on when issuer and client id are set. */
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_NAME: z.string().min(1).default('Single Sign-On'),
  /** "1" seeds the demo staff logins into a new embedded database at first open (e2e tests); refused on PostgreSQL. */
  SEED_DEMO: z.enum(['0', '1']).default('0'),
  TILE_UPSTREAM: z.string().default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
  TILE_CACHE_DIR: z.string().default('./data/tiles'),
  TILE_USER_AGENT: z.string().default('Sicherheitsportal tile cache (+https://github.com/)'),
  /**
   * redis://… : rate-limit and sign-in-throttle counters live in Redis instead of PostgreSQL
   * (lib/http/rate-limit-redis.ts); every instance must use the same one.
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'redis:// or rediss:// URL').optional(),
  REPORT_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).default(30),
  /** "1" turns on POST /api/bench/noop, the do-nothing reference route of `npm run bench`. */
  BENCH_NOOP: z.enum(['0', '1']).default('0'),
  /** Open311 POST requests one API key may send per hour (0: no limit). */
  OPEN311_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).default(600),
  /** References no report has that one client (by its hashed address) may look up per hour (0: no limit). */
  REF_LOOKUP_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).default(30),
  /** Open311 GET requests one client (by its hashed address) may send per hour (0: no limit). */
  OPEN311_READ_RATE_LIMIT_PER_HOUR: z.coerce.number().int().min(0).default(3600),
  /**
   * SMTP for e-mail to reporters (lib/email/). Without SMTP_HOST messages wait in the outbox,
   * visible to admins. SMTP_SECURE=true: TLS from the first byte (port 465); otherwise STARTTLS
   * when the server offers it (port 587 or 25), or always with SMTP_REQUIRE_TLS (lib/email/smtp.ts
   * sets its default).
   */
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
  SMTP_SECURE: z.enum(['true', 'false', '1', '0']).optional(),
  SMTP_REQUIRE_TLS: z.enum(['true', 'false', '1', '0']).optional(),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  /** The sender, e.g. `"Sicherheitsportal Lünen" <sicherheit@luenen.de>`; required with SMTP_HOST. */
  SMTP_FROM: z.string().min(3).optional(),
  /** How often each server process sends what is due in the outbox (lib/email/worker.ts). */
  OUTBOX_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  /** How often each server process runs the retention job (lib/jobs/schedule.ts); one instance at a time does the work. */
  RETENTION_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
}).refine((e) => !(e.SEED_DEMO === '1' && e.DATABASE_URL), {
  path: ['SEED_DEMO'],
  message: 'demo data and the demo logins go only into the embedded database, not into PostgreSQL (DATABASE_URL is set)',
}).refine((e) => !(e.SMTP_HOST && !e.SMTP_FROM), {
  // Without a sender no message can go out: refused at start rather than a server that sends nothing.
  path: ['SMTP_FROM'],
  message: 'must be set when SMTP_HOST is: it is the sender of every message, e.g. "Sicherheitsportal" <sicherheit@stadt.de>',
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

export function env(): Env {
  if (!cached) {
    // An empty value counts as unset, as `npm start` counts it (scripts/lib/server-process.mjs): a
    // line `DATABASE_URL=` in an .env file, or a compose file passing on a variable it was not given.
    const given = Object.fromEntries(Object.entries(process.env).filter(([, value]) => value !== ''));
    const parsed = schema.safeParse(given);
    if (!parsed.success) {
      throw new Error(`Invalid environment: ${issuesText(parsed.error)}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}

export function dataDir(): string {
  return resolve(dirname(env().PGLITE_DIR));
}

/**
 * The server secret keys every hash we store (reporter hashes, rate-limit keys) and signs sessions.
 * Production on PostgreSQL must set AUTH_SECRET so that all instances agree; the embedded set-up
 * creates one in its data folder on first start so `npm run demo` needs no configuration (one in memory
 * with a database in memory).
 */
export function serverSecret(): string {
  const e = env();
  if (e.AUTH_SECRET) return e.AUTH_SECRET;
  if (e.DATABASE_URL && e.NODE_ENV === 'production') {
    throw new Error('AUTH_SECRET must be set when running on PostgreSQL in production.');
  }
  // A database in memory goes with its process, and so may the hashes keyed for it: no file.
  if (e.PGLITE_DIR.startsWith('memory://')) return (memorySecret ??= randomBytes(32).toString('base64url'));
  const file = join(dataDir(), 'auth-secret');
  const known = secretFiles.get(file);
  if (known) return known;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  const secret = readFileSync(file, 'utf8').trim();
  secretFiles.set(file, secret);
  return secret;
}

let memorySecret: string | undefined;

/**
 * What a production server needs besides valid values (lib/server-start.ts checks it at start):
 * Auth.js refuses every sign-in in production unless it may build its addresses from AUTH_URL, or
 * trust the Host header (AUTH_TRUST_HOST, behind a reverse proxy that sets it).
 */
export function checkProductionSettings(e: Env = env()): void {
  if (e.NODE_ENV === 'production' && !e.AUTH_URL && !e.AUTH_TRUST_HOST) {
    throw new Error(
      'AUTH_URL must be set to the portal\'s public address (e.g. https://sicherheit.example.de), or AUTH_TRUST_HOST=true behind a reverse proxy that sets the Host header: without either, no one can sign in.',
    );
  }
  // E-mails carry paths only without it (lib/email/messages.ts): residents could open no link.
  if (e.NODE_ENV === 'production' && e.SMTP_HOST && !e.AUTH_URL) {
    throw new Error('AUTH_URL must be set when SMTP_HOST is: the links in e-mails to residents need the portal\'s public address (e.g. https://sicherheit.example.de).');
  }
}

/** Secrets read from their files: written once and never changed, so read once (the intake hashes on every request). */
const secretFiles = new Map<string, string>();
