// The settings `npm start` (scripts/start.mjs) starts the server with; a process takes them only
// when it starts (README, "Running on PostgreSQL"; figures in "Where the intake stands").

/**
 * Node's flags and the environment for the server process, given the launcher's environment:
 *
 * - V8's young generation, where a request's short-lived objects live: semi-spaces of 32 MB on
 *   PostgreSQL (`DATABASE_URL` set), where the intake then serves about a sixth more reports a
 *   second (fewer collections, and fewer objects of requests in flight promoted to the old
 *   generation), and 8 MB on PGlite, whose database lives in the same process and already takes its
 *   memory. `--max-semi-space-size` in NODE_OPTIONS takes precedence.
 * - glibc's malloc: one arena (MALLOC_ARENA_MAX=1) unless the environment sets it. glibc gives each
 *   thread that allocates an arena of its own and keeps what they free; other C libraries ignore it.
 *
 * @param {Record<string, string | undefined>} env
 * @returns {{ nodeFlags: string[]; env: Record<string, string | undefined> }}
 */
export function serverProcess(env) {
  const semiSpaceMb = env.DATABASE_URL ? 32 : 8;
  return {
    nodeFlags: /--max-semi-space-size/.test(env.NODE_OPTIONS ?? '') ? [] : [`--max-semi-space-size=${semiSpaceMb}`],
    env: { MALLOC_ARENA_MAX: '1', ...env },
  };
}
