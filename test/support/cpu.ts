/** CPU time used by one Chromium (its browser process and every descendant), read from /proc. */
import { readFileSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK']).toString().trim() || 100);

function stat(pid: number): { ppid: number; ticks: number } | null {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // Fields after the command: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };
  } catch {
    return null;
  }
}

/** Total user+system CPU in ms of the Chromium whose command line names `profile`, and its children. */
export function browserCpuMs(profile: string): number {
  const pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number);
  const root = pids.find((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      return cmd.includes(profile) && !cmd.includes('--type=');
    } catch {
      return false;
    }
  });
  if (root === undefined) throw new Error(`no Chromium process for ${profile}`);
  const stats = new Map(pids.map((p) => [p, stat(p)] as const));
  const inTree = (pid: number): boolean => {
    for (let p: number | undefined = pid, n = 0; p && n < 64; p = stats.get(p)?.ppid, n++) if (p === root) return true;
    return false;
  };
  let ticks = 0;
  for (const [pid, s] of stats) if (s && inTree(pid)) ticks += s.ticks;
  return ticks * TICK_MS;
}

/** CPU ms used by the browser during `ms` of wall time. */
export async function cpuOver(profile: string, ms: number): Promise<number> {
  const a = browserCpuMs(profile);
  await new Promise((r) => setTimeout(r, ms));
  return browserCpuMs(profile) - a;
}
