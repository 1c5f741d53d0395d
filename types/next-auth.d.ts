import type { StaffRole } from '@/lib/db/schema';

// What this portal keeps in Auth.js's user, token and session (see auth.ts).
declare module 'next-auth' {
  interface User {
    roles?: StaffRole[];
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; email: string; name: string; roles: StaffRole[] };
    /** The database could not be asked whether the session still holds: answer 503, keep the cookie. */
    unavailable?: boolean;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** users.id */
    uid?: number;
    /** users.session_version when the session began. */
    sv?: number;
    roles?: StaffRole[];
    unavailable?: boolean;
  }
}
