// npm run user:create -- --email anna@stadt.example --role admin [--role police] [--name "Anna Schmidt"] [--no-password]
//
// Creates a staff user, or updates the one with this e-mail (name, roles, password; a deactivated
// one is active again). The password is asked for on a terminal (not shown) or read from standard
// input, e.g. from a secret store:
//   printf '%s\n' "$PASSWORD" | npm run user:create -- --email … --role admin
// --no-password: no password is asked for; a new user then signs in only through the city's
// identity provider (OIDC), an existing one keeps the password they have.
import { runCommand } from './lib/operator-command';
import { parseArgs } from 'node:util';
import { checkPasswordPolicy, hashPassword, type PasswordProblem } from '@/lib/auth/password';
import { isStaffRole, staffRoles, type StaffRole } from '@/lib/auth/roles';
import { findUserByEmail, normalizeEmail, saveUser } from '@/lib/auth/users';
import { closeDatabase, getDatabase } from '@/lib/db/client';
import { z } from 'zod';

const usage = `Usage: npm run user:create -- --email ADDRESS --role ROLE [--role ROLE …] [--name "NAME"] [--no-password]
Roles: ${staffRoles.join(', ')}`;

const problems: Record<PasswordProblem, string> = {
  too_short: 'The password is too short: it needs at least 12 characters.',
  too_long: 'The password is too long: at most 128 characters.',
  common: 'This password is on a list of common passwords. Please choose another.',
  contains_email: 'The password must not be the e-mail address.',
};

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** Reads a line from the terminal without showing it. */
function askHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stdout.write(prompt);
  stdin.setRawMode(true);
  stdin.resume();
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let value = '';
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\u0003') {
          stdin.setRawMode(false);
          process.stdout.write('\n');
          process.exit(130);
        } else if (char === '\r' || char === '\n' || char === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stdout.write('\n');
          resolve(value);
          return;
        } else if (char === '\u007f' || char === '\b') {
          value = [...value].slice(0, -1).join('');
        } else if (char >= ' ') {
          value += char;
        }
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line of standard input, for scripts: nothing is echoed, nothing is stored. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}

async function askPassword(email: string): Promise<string> {
  if (!process.stdin.isTTY) {
    const password = await readStdin();
    const problem = checkPasswordPolicy(password, { email });
    if (problem) fail(problems[problem]);
    return password;
  }
  for (;;) {
    const password = await askHidden('Password (at least 12 characters, not shown): ');
    const problem = checkPasswordPolicy(password, { email });
    if (problem) {
      console.error(problems[problem]);
      continue;
    }
    if ((await askHidden('The same password again: ')) === password) return password;
    console.error('The two passwords differ. Please try again.');
  }
}

async function main() {
  let args;
  try {
    args = parseArgs({
      options: {
        email: { type: 'string' },
        role: { type: 'string', multiple: true },
        name: { type: 'string' },
        'no-password': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${usage}`);
  }
  if (args.help) {
    console.log(usage);
    return;
  }
  const email = normalizeEmail(args.email ?? '');
  if (!z.email().safeParse(email).success) fail(`Please give a valid --email.\n${usage}`);
  const roles = args.role ?? [];
  if (roles.length === 0) fail(`Please give at least one --role.\n${usage}`);
  const unknown = roles.filter((r) => !isStaffRole(r));
  if (unknown.length > 0) fail(`Unknown role: ${unknown.join(', ')}.\n${usage}`);

  const passwordHash = args['no-password'] ? undefined : await hashPassword(await askPassword(email));
  const { db, kind } = await getDatabase();
  try {
    // The command makes an account someone can use: one an admin had deactivated is active again.
    const before = await findUserByEmail(db, email);
    const { user, created } = await saveUser(db, null, { email, name: args.name, roles: roles as StaffRole[], passwordHash, active: true });
    const how = passwordHash ? 'with a password' : user.passwordHash ? 'keeping the password' : 'without a password (OIDC only)';
    const reactivated = before && !before.active ? ', active again' : '';
    console.log(`${created ? 'Created' : 'Updated'} ${user.email} (${user.roles.join(', ')}) ${how}${reactivated} in the ${kind} database.`);
  } finally {
    await closeDatabase();
  }
}

runCommand(main);
