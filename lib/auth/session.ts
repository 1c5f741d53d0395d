import { NextRequest } from 'next/server';
import { z } from 'zod';
import { handlers } from '@/auth';
import { staffRoles } from '@/lib/db/schema';

export type StaffUser = { id: number; email: string; name: string; roles: (typeof staffRoles)[number][] };

const sessionSchema = z.object({
  user: z.object({
    id: z.coerce.number().int().positive(),
    email: z.string(),
    name: z.string(),
    roles: z.array(z.enum(staffRoles)),
  }),
  unavailable: z.boolean().optional(),
});

/**
 * Thrown when the database could not confirm a session. It carries SQLSTATE 08006 (connection
 * failure) so that withApiErrors answers 503 like for any other database outage; pages show error.tsx.
 */
export class SessionUnavailableError extends Error {
  code = '08006';
  constructor() {
    super('The database could not confirm the session.');
    this.name = 'SessionUnavailableError';
  }
}

const SESSION_COOKIE = /(?:^|;\s*)(__Secure-)?authjs\.session-token(?:\.\d+)?=/;

/**
 * The signed-in staff user behind a request, or null. Reads the session exactly as
 * GET /api/auth/session does (Auth.js decodes the cookie and auth.ts checks the user in the
 * database), so pages, route handlers and the session endpoint can never disagree.
 */
export async function getStaffSession(headers: Headers): Promise<StaffUser | null> {
  const cookie = headers.get('cookie') ?? '';
  const match = SESSION_COOKIE.exec(cookie);
  if (!match) return null;
  // Auth.js names the cookie by the protocol it was set over; ask over the same one.
  const protocol = match[1] ? 'https' : 'http';
  const host = headers.get('x-forwarded-host') ?? headers.get('host') ?? 'localhost';
  // A client talking to the server directly can send any host; one that makes no address is no session.
  const url = `${protocol}://${host}/api/auth/session`;
  if (!URL.canParse(url)) return null;
  const request = new NextRequest(url, { headers: { cookie } });
  const response = await handlers.GET(request);
  if (!response.ok) return null;
  const parsed = sessionSchema.safeParse(await response.json());
  if (!parsed.success) return null;
  if (parsed.data.unavailable) throw new SessionUnavailableError();
  return parsed.data.user;
}
