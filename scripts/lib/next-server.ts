// The production build served by `npm start` (`next start` with the portal's process settings, see
// scripts/start.mjs) for the scripts that load it (demo, resilience, bench).
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/**
 * Starts `npm start` on the port in a process group of its own, so that stopNextServer reaches npm,
 * the launcher and the server at once, with any signal (SIGKILL too). `log` passes its errors through;
 * `captureOutput` leaves its standard output on `child.stdout`; `inheritOutput` passes both through.
 */
export function startNextServer(
  port: number,
  env: Record<string, string | undefined>,
  options: { log?: boolean; captureOutput?: boolean; inheritOutput?: boolean } = {},
): ChildProcess {
  const stdout = options.inheritOutput ? 'inherit' : options.captureOutput ? 'pipe' : 'ignore';
  return spawn('npm', ['start', '--silent', '--', '-p', String(port)], {
    env: { ...process.env, AUTH_TRUST_HOST: 'true', NODE_ENV: 'production', ...env },
    stdio: ['ignore', stdout, options.log || options.inheritOutput ? 'inherit' : 'ignore'],
    detached: true,
  });
}

export async function waitHealthy(port: number, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return true;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

/** Sends `signal` to the server's whole process group. */
export function stopNextServer(server: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  try {
    process.kill(-server.pid!, signal);
  } catch {
    // already gone
  }
}

/** Resolves once the server's process group has exited (or after the timeout). */
export async function waitStopped(server: ChildProcess, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && processGroup(server.pid!).length > 0) await new Promise((r) => setTimeout(r, 100));
}

/** The pids of a process group (the server and every process it started). */
function processGroup(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      // Fields after the command's closing parenthesis: state ppid pgrp …
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') pids.push(Number(name));
    } catch {
      // exited meanwhile
    }
  }
  return pids;
}

/**
 * The largest peak resident set (VmHWM) among the server's processes: the one serving requests
 * (`next-server`), not npm. In MB.
 */
export function peakRssMb(server: ChildProcess): { mb: number; process: string } {
  let best = { mb: 0, process: '' };
  for (const pid of processGroup(server.pid!)) {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      const name = /Name:\s+(.*)/.exec(status)?.[1] ?? String(pid);
      if (kb / 1024 > best.mb) best = { mb: kb / 1024, process: name };
    } catch {
      // exited meanwhile
    }
  }
  return best;
}

/**
 * CPU time (user + system, ms) the server's processes have used so far. Differences per request
 * stay comparable when other work shares the machine, unlike requests per second.
 */
export function cpuMs(server: ChildProcess): number {
  return processGroup(server.pid!).reduce((sum, pid) => sum + statCpuMs(`/proc/${pid}/stat`), 0);
}

/**
 * CPU time (ms) of the thread JavaScript runs on in the process that serves requests (Next.js
 * names it `next-server`; its main thread has the process's id). Over the wall time of a load it
 * says how much of a core the event loop got: the rate cannot pass what that one thread does.
 */
export function jsThreadCpuMs(server: ChildProcess): number {
  for (const pid of processGroup(server.pid!)) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('next-server')) return statCpuMs(`/proc/${pid}/task/${pid}/stat`);
    } catch {
      // exited meanwhile
    }
  }
  return NaN;
}

/** utime + stime from a process's or a thread's stat file in /proc, in ms (USER_HZ is 100 on Linux); 0 once gone. */
function statCpuMs(statPath: string): number {
  try {
    const stat = readFileSync(statPath, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}
