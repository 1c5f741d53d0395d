// Auth.js: GET /api/auth/csrf, /session, /providers; POST /api/auth/callback/credentials, /signout, …
import { handlers } from '@/auth';

export const { GET, POST } = handlers;
