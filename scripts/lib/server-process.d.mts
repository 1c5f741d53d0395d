/** The types of ./server-process.mjs, which `npm start` runs without a TypeScript loader. */
type Env = Record<string, string | undefined>;
export function serverProcess(env: Env): { nodeFlags: string[]; env: Env };
