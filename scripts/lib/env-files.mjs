// The environment files (.env, .env.production, .env.local, …) read as `next start` reads them, with
// Next.js' own loader, resolved from where Next.js is installed. For `npm start` and the operators'
// commands alike, so that a DATABASE_URL kept in .env.production.local reaches `npm run user:create`
// as it reaches the server. Variables set in the environment win over the files.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function loadEnvFiles() {
  createRequire(require.resolve('next/package.json'))('@next/env').loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
}
