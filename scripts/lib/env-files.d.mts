/** The types of ./env-files.mjs, which `npm start` runs without a TypeScript loader. */
export function loadEnvFiles(): void;
