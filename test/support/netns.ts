/**
 * Runs a command inside a private network namespace made for the E2E tests, so that Janus (the
 * video-call server of test/e2e/janus-call.test.ts) can gather ICE candidates without ever leaving
 * the machine:
 *
 *   tsx test/support/netns.ts <command...>
 *
 * As root, with `unshare` and `ip` (iproute2) available, it re-runs itself under `unshare --net`.
 * Inside, the namespace holds only `lo` (brought up: the other E2E tests serve pages on 127.0.0.1
 * and talk to Chromium over a pipe) and a veth pair `janus0` (127.0.0.2/32) / `janus1`, both up and
 * routed nowhere: libnice never gathers candidates on a loopback interface, so Janus is told to use
 * `janus0`, and media flows 127.0.0.2 <-> 127.0.0.2 through the kernel's local table. The command
 * runs there with inherited stdio and `SELFVIEW_NETNS=1`; its exit code is ours. When it ends, any
 * process it left behind in the namespace (a stray Janus or Chromium) is ended too, so the
 * namespace, and the veth pair with it, disappears: there is nothing to clean up on the host.
 *
 * Anywhere else (not root, no unshare/ip, a sandbox that forbids namespaces) it prints one line
 * saying why the Janus tests will be skipped, sets `SELFVIEW_NO_NETNS=1` and runs the command as is.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Set (to "1") in the command's environment when it runs inside the namespace. */
export const INSIDE_ENV = 'SELFVIEW_NETNS';
/** Set (to "1") when the command runs without the namespace; the Janus tests then skip. */
export const NO_NETNS_ENV = 'SELFVIEW_NO_NETNS';
/** The veth end that Janus gathers candidates on, and its address. */
export const JANUS_IFACE = 'janus0';
export const JANUS_PEER = 'janus1';
export const JANUS_ADDR = '127.0.0.2';

/** True when this process runs inside the namespace that this wrapper set up. */
export function insideJanusNetns(): boolean {
  if (process.env[INSIDE_ENV] !== '1') return false;
  try {
    // /proc/self/net is per network namespace (unlike /sys, which shows the host's unless remounted).
    return new RegExp(`^\\s*${JANUS_IFACE}:`, 'm').test(readFileSync('/proc/self/net/dev', 'utf8'));
  } catch {
    return false;
  }
}

const SETUP: string[][] = [
  ['link', 'set', 'lo', 'up'],
  ['link', 'add', JANUS_IFACE, 'type', 'veth', 'peer', 'name', JANUS_PEER],
  ['addr', 'add', `${JANUS_ADDR}/32`, 'dev', JANUS_IFACE],
  ['link', 'set', JANUS_IFACE, 'up'],
  ['link', 'set', JANUS_PEER, 'up'],
];

function say(line: string): void {
  process.stderr.write(`[netns] ${line}\n`);
}

/** Why the namespace cannot be made here, or null when it can. */
function whyNot(): string | null {
  if (process.platform !== 'linux') return `not Linux (${process.platform})`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not running as root (unshare --net needs it)';
  for (const [tool, pkg] of [['unshare', 'util-linux'], ['ip', 'iproute2']] as const) {
    const r = spawnSync(tool, ['-V'], { stdio: 'ignore' });
    if (r.error) return `\`${tool}\` not found (Debian package ${pkg})`;
  }
  // A dry run of the real thing: some sandboxes forbid namespaces or veth devices.
  const probe = spawnSync('unshare', ['--net', '--', 'ip', ...SETUP[1]!], { encoding: 'utf8', timeout: 10_000 });
  if (probe.error || probe.status !== 0) {
    const msg = (probe.stderr || probe.error?.message || `exit ${probe.status}`).trim().split('\n')[0];
    return `cannot create a network namespace with a veth pair here (${msg})`;
  }
  return null;
}

/** Runs the command with inherited stdio; resolves with its exit code (128+n for signal n). */
function run(cmd: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolvePromise) => {
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'inherit', env });
    const forward = (sig: NodeJS.Signals) => child.kill(sig);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
    for (const s of signals) process.on(s, forward);
    child.on('error', (e) => {
      say(`cannot run ${cmd[0]}: ${e.message}`);
      resolvePromise(127);
    });
    child.on('exit', (code, signal) => {
      for (const s of signals) process.off(s, forward);
      resolvePromise(code ?? 128 + (signal ? osSignal(signal) : 0));
    });
  });
}

function osSignal(name: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 } as Record<string, number>)[name] ?? 1;
}

/** Ends every process other than this one that lives in our (private) network namespace. */
async function endLeftovers(): Promise<void> {
  const ours = readlinkSync('/proc/self/ns/net');
  const leftovers = (): number[] => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number)
    .filter((pid) => {
      if (pid === process.pid) return false;
      try {
        return readlinkSync(`/proc/${pid}/ns/net`) === ours;
      } catch {
        return false; // gone, or a kernel thread
      }
    });
  let pids = leftovers();
  if (pids.length === 0) return;
  say(`ending ${pids.length} process(es) the command left in the namespace: ${pids.join(' ')}`);
  for (const sig of ['SIGTERM', 'SIGKILL'] as const) {
    for (const pid of pids) {
      try {
        process.kill(pid, sig);
      } catch {
        // already gone
      }
    }
    for (let i = 0; i < 30 && pids.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      pids = leftovers();
    }
    if (pids.length === 0) return;
  }
}

async function inside(cmd: string[]): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env, [INSIDE_ENV]: '1' };
  for (const args of SETUP) {
    const r = spawnSync('ip', args, { encoding: 'utf8', timeout: 10_000 });
    if (r.error || r.status !== 0) {
      // lo may be up even so: run the rest of the suite in the namespace, without the Janus tests.
      say(`Janus tests will be skipped: \`ip ${args.join(' ')}\` failed in the namespace (${(r.stderr || r.error?.message || '').trim()})`);
      env[NO_NETNS_ENV] = '1';
      break;
    }
  }
  if (!env[NO_NETNS_ENV]) say(`running in a private network namespace: lo, ${JANUS_IFACE} ${JANUS_ADDR}/32 <-> ${JANUS_PEER}`);
  const code = await run(cmd, env);
  await endLeftovers();
  return code;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    say('usage: tsx test/support/netns.ts <command...>');
    return 2;
  }
  if (process.env[INSIDE_ENV] === '1' && process.env.SELFVIEW_NETNS_INNER === '1') {
    delete process.env.SELFVIEW_NETNS_INNER;
    return inside(argv);
  }
  if (process.env[INSIDE_ENV] === '1' || process.env[NO_NETNS_ENV] === '1') return run(argv, process.env); // already decided
  const reason = whyNot();
  if (reason) {
    say(`Janus tests will be skipped: ${reason}; running the command without a network namespace.`);
    return run(argv, { ...process.env, [NO_NETNS_ENV]: '1' });
  }
  // Re-run this file (with the same Node flags, i.e. tsx's loader) as the namespace's first process.
  const self = [process.execPath, ...process.execArgv, fileURLToPath(import.meta.url), ...argv];
  return run(['unshare', '--net', '--', ...self], { ...process.env, [INSIDE_ENV]: '1', SELFVIEW_NETNS_INNER: '1' });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
    say(`failed: ${e instanceof Error ? e.stack : String(e)}`);
    process.exit(70);
  });
}
