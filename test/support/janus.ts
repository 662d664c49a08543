/**
 * A real video-call server for the E2E tests: Debian's Janus (packages `janus` and `janus-demos`),
 * run as a plain child process on loopback, plus a static server for Janus's own demo pages.
 *
 * Only works inside the private network namespace made by test/support/netns.ts: Janus's ICE
 * library (libnice) never gathers candidates on a loopback interface, so it is told to use only the
 * namespace's `janus0` (127.0.0.2/32), whose traffic never leaves the namespace. STUN/TURN are off,
 * every port is bound to 127.0.0.1 with loopback-only ACLs, and only the videoroom and echotest
 * plugins and the HTTP and WebSocket transports load.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { JANUS_IFACE, insideJanusNetns } from './netns';
import { FRAMED_VIDEOROOM_FILE, FRAMED_VIDEOROOM_HTML } from './call-pages/framed-videoroom';

/** Where Debian installs the pieces. */
export const JANUS_BIN = process.env.JANUS_PATH ?? 'janus';
export const JANUS_ETC = '/etc/janus';
export const JANUS_DEMOS = '/usr/share/janus/demos';
const DEFAULT_LIB = '/usr/lib/x86_64-linux-gnu/janus';

export const JANUS_HOST = '127.0.0.1';
export const JANUS_HTTP_PORT = 8088;
export const JANUS_WS_PORT = 8188;
export const JANUS_HTTP_URL = `http://${JANUS_HOST}:${JANUS_HTTP_PORT}/janus`;
export const JANUS_WS_URL = `ws://${JANUS_HOST}:${JANUS_WS_PORT}`;
/** The demo room that Debian's videoroom config defines. */
export const DEMO_ROOM = 1234;

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RunningJanus {
  /** Janus's HTTP API, e.g. http://127.0.0.1:8088/janus */
  httpUrl: string;
  /** Janus's WebSocket API, e.g. ws://127.0.0.1:8188 */
  wsUrl: string;
  /** The demo pages, e.g. http://127.0.0.1:PORT/ (open `${demosUrl}videoroomtest.html`). */
  demosUrl: string;
  /** Janus's log file (kept until stop()). */
  logFile: string;
  /** The last lines of Janus's log, for error messages. */
  logTail(lines?: number): string;
  /** Ends Janus and the demo server and removes the temp folders. */
  stop(): Promise<void>;
}

/** Why Janus cannot run here (to skip a test with), or null when it can. */
export function janusUnavailable(): string | null {
  if (process.env.SELFVIEW_NO_NETNS === '1') return 'no private network namespace (see the [netns] line above: needs root, unshare and iproute2)';
  if (!insideJanusNetns()) return 'not inside the private network namespace: run the E2E tests with `npm run test:e2e` (tsx test/support/netns.ts ...)';
  if (!existsSync(join(JANUS_ETC, 'janus.jcfg'))) return `Janus is not installed (no ${JANUS_ETC}/janus.jcfg): apt-get install janus janus-demos`;
  if (!existsSync(join(JANUS_DEMOS, 'videoroomtest.html'))) return `Janus's demos are not installed (no ${JANUS_DEMOS}): apt-get install janus-demos`;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Config: copies of Debian's /etc/janus/*.jcfg with a few settings replaced.

type Value = string | number | boolean;

function literal(v: Value): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/**
 * Sets `keys` in the top-level group `section` of a libconfig (.jcfg) text, dropping any earlier
 * uncommented setting of the same keys and of `drop` (single-line settings only), and adds the
 * group when it is missing. Debian's files close every top-level group with `}` in column 0.
 */
export function setJcfg(text: string, section: string, keys: Record<string, Value>, drop: string[] = []): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => new RegExp(`^${section}\\s*:\\s*\\{`).test(l));
  const added = Object.entries(keys).map(([k, v]) => `\t${k} = ${literal(v)}`);
  if (start < 0) return `${text.replace(/\n*$/, '\n')}\n${section}: {\n${added.join('\n')}\n}\n`;
  if (/\{\s*\}/.test(lines[start]!)) lines.splice(start, 1, `${section}: {`, '}'); // `name: {}` on one line
  const end = lines.findIndex((l, i) => i > start && /^}/.test(l));
  if (end < 0) throw new Error(`unterminated group "${section}" in a Janus config`);
  const unwanted = new Set([...Object.keys(keys), ...drop]);
  const body = lines.slice(start + 1, end).filter((l) => {
    const m = /^\s*([A-Za-z_][\w-]*)\s*=/.exec(l);
    if (!m || !unwanted.has(m[1]!)) return true;
    if (/[[(]\s*(#.*)?$/.test(l)) throw new Error(`cannot replace multi-line setting ${m[1]} in "${section}"`);
    return false;
  });
  return [...lines.slice(0, start + 1), ...added, ...body, ...lines.slice(end)].join('\n');
}

/** The value of a simple `key = "value"` setting, if any. */
function jcfgString(text: string, key: string): string | undefined {
  return new RegExp(`^\\s*${key}\\s*=\\s*"([^"]*)"`, 'm').exec(text)?.[1];
}

/** The .so modules in a folder except `keep`, comma-separated (Janus's `disable` syntax). */
function othersIn(folder: string, keep: string[]): string {
  if (!existsSync(folder)) return '';
  return readdirSync(folder).filter((f) => /^libjanus_\w+\.so$/.test(f) && !keep.includes(f)).sort().join(',');
}

/** Writes the config folder; returns nothing, throws on a config it cannot edit. */
export function writeJanusConfig(dir: string, work: string): void {
  const read = (name: string) => readFileSync(join(JANUS_ETC, name), 'utf8');
  let core = read('janus.jcfg');
  const lib = (key: string, sub: string) => jcfgString(core, key) ?? join(DEFAULT_LIB, sub);
  const folders = { plugins: lib('plugins_folder', 'plugins'), transports: lib('transports_folder', 'transports'), events: lib('events_folder', 'events'), loggers: lib('loggers_folder', 'loggers') };

  core = setJcfg(core, 'general', {
    configs_folder: dir,
    interface: JANUS_HOST,
    debug_level: 4,
    debug_timestamps: true,
    debug_colors: false,
    server_name: 'SelfviewE2E',
    session_timeout: 60,
  }, ['admin_secret', 'api_secret', 'token_auth', 'token_auth_secret', 'log_to_stdout', 'log_to_file', 'daemonize', 'pid_file']);
  core = setJcfg(core, 'nat', {
    ice_enforce_list: JANUS_IFACE,
    full_trickle: true,
    ignore_mdns: true,
    ice_lite: false,
    ice_tcp: false,
    nice_debug: false,
  }, ['stun_server', 'stun_port', 'turn_server', 'turn_port', 'turn_type', 'turn_user', 'turn_pwd', 'turn_rest_api',
    'turn_rest_api_key', 'turn_rest_api_method', 'turn_rest_api_timeout', 'nat_1_1_mapping', 'keep_private_host', 'ice_ignore_list']);
  core = setJcfg(core, 'media', { ipv6: false });
  core = setJcfg(core, 'plugins', { disable: othersIn(folders.plugins, ['libjanus_videoroom.so', 'libjanus_echotest.so']) });
  core = setJcfg(core, 'transports', { disable: othersIn(folders.transports, ['libjanus_http.so', 'libjanus_websockets.so']) });
  core = setJcfg(core, 'loggers', { disable: othersIn(folders.loggers, []) });
  core = setJcfg(core, 'events', { broadcast: false, disable: othersIn(folders.events, []) });
  writeFileSync(join(dir, 'janus.jcfg'), core);

  let http = read('janus.transport.http.jcfg');
  http = setJcfg(http, 'general', { base_path: '/janus', http: true, port: JANUS_HTTP_PORT, ip: JANUS_HOST, acl: '127.', https: false },
    ['interface', 'secure_interface', 'secure_ip', 'secure_port']);
  http = setJcfg(http, 'admin', { admin_http: false, admin_https: false }, ['admin_secret']);
  http = setJcfg(http, 'certificates', {}, ['cert_pem', 'cert_key', 'cert_pwd']);
  writeFileSync(join(dir, 'janus.transport.http.jcfg'), http);

  let ws = read('janus.transport.websockets.jcfg');
  ws = setJcfg(ws, 'general', { ws: true, ws_port: JANUS_WS_PORT, ws_ip: JANUS_HOST, ws_acl: '127.', wss: false }, ['ws_interface', 'wss_interface', 'wss_ip', 'wss_port']);
  ws = setJcfg(ws, 'admin', { admin_ws: false, admin_wss: false });
  ws = setJcfg(ws, 'certificates', {}, ['cert_pem', 'cert_key', 'cert_pwd']);
  writeFileSync(join(dir, 'janus.transport.websockets.jcfg'), ws);

  // The plugins as Debian ships them (room 1234 is the demo room); recordings, if any, go to `work`.
  for (const name of ['janus.plugin.videoroom.jcfg', 'janus.plugin.echotest.jcfg']) writeFileSync(join(dir, name), read(name).replaceAll('/path/to/recordings-folder', work));
}

// ---------------------------------------------------------------------------------------------
// The demo pages: Debian's files, with a settings.js of our own (Debian's leaves `token` and
// `apisecret` undefined, so every demo fails on Start with "token is not defined").

function settingsJs(server: string): string {
  return `// Written by test/support/janus.ts: Janus on loopback, no STUN/TURN, no auth.
var server = ${JSON.stringify(server)};
var iceServers = [];
var token = null;
var apisecret = null;
`;
}

function makeDemoFolder(dir: string, server: string): void {
  for (const name of readdirSync(JANUS_DEMOS)) {
    if (name === 'settings.js') continue;
    // Link to the entry itself: its own relative links (javascript -> ../../javascript) keep working.
    symlinkSync(join(JANUS_DEMOS, name), join(dir, name));
  }
  writeFileSync(join(dir, 'settings.js'), settingsJs(server));
  writeFileSync(join(dir, FRAMED_VIDEOROOM_FILE), FRAMED_VIDEOROOM_HTML); // for test/support/janus-iframe.ts
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.png': 'image/png', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.eot': 'application/vnd.ms-fontobject',
  '.map': 'application/json', '.mp3': 'audio/mpeg', '.mp4': 'video/mp4', '.webm': 'video/webm',
};

/** A static file server for `root` on 127.0.0.1 (GET/HEAD only, no listing, no escaping `root`). */
function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const size = statSync(file).size;
      res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' });
      if (req.method === 'HEAD') res.end();
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, JANUS_HOST, () => {
      const addr = server.address();
      if (!addr || typeof addr === 'string') return fail(new Error('demo server has no port'));
      ok({ server, url: `http://${JANUS_HOST}:${addr.port}/` });
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Janus's HTTP API.

interface JanusReply {
  janus: string;
  transaction?: string;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  [key: string]: unknown;
}

let tx = 0;

/** One request to Janus's HTTP API (path below /janus), with a timeout. */
export async function janusRequest(body: Record<string, unknown>, path = '', httpUrl = JANUS_HTTP_URL, timeoutMs = 5_000): Promise<JanusReply> {
  const transaction = `selfview-${process.pid}-${++tx}`;
  const res = await fetch(`${httpUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...body, transaction }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`Janus HTTP ${res.status} for ${JSON.stringify(body)}`);
  const reply = (await res.json()) as JanusReply;
  if (reply.janus === 'error') throw new Error(`Janus error ${reply.error?.code}: ${reply.error?.reason} (for ${JSON.stringify(body)})`);
  return reply;
}

export interface Participant {
  id: number;
  display?: string;
  publisher: boolean;
  talking?: boolean;
}

/** The participants of a video room, through Janus's HTTP API (a session of its own, destroyed after). */
export async function listParticipants(room = DEMO_ROOM, httpUrl = JANUS_HTTP_URL): Promise<Participant[]> {
  const session = (await janusRequest({ janus: 'create' }, '', httpUrl)).data?.id;
  if (!session) throw new Error('Janus did not create a session');
  try {
    const handle = (await janusRequest({ janus: 'attach', plugin: 'janus.plugin.videoroom' }, `/${session}`, httpUrl)).data?.id;
    if (!handle) throw new Error('Janus did not attach the videoroom plugin');
    const reply = await janusRequest({ janus: 'message', body: { request: 'listparticipants', room } }, `/${session}/${handle}`, httpUrl);
    const data = reply.plugindata?.data ?? {};
    if (data.videoroom !== 'participants') throw new Error(`listparticipants on room ${room} failed: ${JSON.stringify(data)}`);
    return data.participants as Participant[];
  } finally {
    await janusRequest({ janus: 'destroy' }, `/${session}`, httpUrl).catch(() => undefined);
  }
}

// ---------------------------------------------------------------------------------------------
// Start and stop.

function tail(file: string, lines = 40): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const s = connect({ host: JANUS_HOST, port, timeout: 1_000 });
    s.once('connect', () => { s.destroy(); ok(true); });
    s.once('error', () => ok(false));
    s.once('timeout', () => { s.destroy(); ok(false); });
  });
}

async function janusInfo(httpUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${httpUrl}/info`, { signal: AbortSignal.timeout(1_000) });
    return res.ok && ((await res.json()) as JanusReply).janus === 'server_info';
  } catch {
    return false;
  }
}

function waitExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((ok) => {
    const t = setTimeout(() => ok(false), ms);
    child.once('exit', () => { clearTimeout(t); ok(true); });
  });
}

/**
 * Starts Janus (videoroom + echotest, HTTP on 127.0.0.1:8088 and WebSockets on 127.0.0.1:8188)
 * and a demo server; resolves once Janus's HTTP API answers. Throws, with the tail of Janus's log,
 * when it cannot. Call only inside the namespace of test/support/netns.ts (see janusUnavailable).
 */
export async function startJanus(): Promise<RunningJanus> {
  const why = janusUnavailable();
  if (why) throw new Error(`Cannot start Janus: ${why}`);
  for (const port of [JANUS_HTTP_PORT, JANUS_WS_PORT]) {
    if (await portOpen(port)) throw new Error(`Cannot start Janus: something already listens on ${JANUS_HOST}:${port} (an earlier Janus not stopped?)`);
  }

  const base = mkdtempSync(join(tmpdir(), 'selfview-janus-'));
  const conf = join(base, 'conf');
  const work = join(base, 'work');
  const demos = join(base, 'demos');
  for (const d of [conf, work, demos]) mkdirSync(d);
  const logFile = join(base, 'janus.log');
  // Filled in as they start; stop() ends whatever is there.
  const running: { child?: ChildProcess; demoServer?: Server } = {};
  let stderr = '';

  const killNow = () => running.child?.kill('SIGKILL');
  process.once('exit', killNow);

  const stop = async () => {
    process.off('exit', killNow);
    const { child, demoServer } = running;
    if (demoServer) {
      demoServer.closeAllConnections();
      await new Promise((ok) => demoServer.close(ok));
    }
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      if (!(await waitExit(child, STOP_TIMEOUT_MS))) {
        child.kill('SIGKILL');
        await waitExit(child, STOP_TIMEOUT_MS);
      }
    }
    rmSync(base, { recursive: true, force: true });
  };
  const fail = async (msg: string): Promise<never> => {
    const log = `${tail(logFile)}${stderr.trim() ? `\n--- stderr ---\n${stderr.trim().split('\n').slice(-10).join('\n')}` : ''}`;
    await stop();
    throw new Error(`${msg}\n--- tail of the Janus log ---\n${log}`);
  };

  try {
    writeJanusConfig(conf, work);
    makeDemoFolder(demos, JANUS_HTTP_URL);
  } catch (e) {
    await stop();
    throw e;
  }

  const started = Date.now();
  const child = spawn(JANUS_BIN, ['-F', conf, '-C', join(conf, 'janus.jcfg'), '-o', '-L', logFile], { cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  child.stderr!.setEncoding('utf8').on('data', (s: string) => { stderr = (stderr + s).slice(-8_000); });
  running.child = child;
  const spawnError = new Promise<Error>((ok) => child.once('error', ok));
  let exited = false;
  child.once('exit', () => { exited = true; });

  let ready = false;
  while (Date.now() - started < START_TIMEOUT_MS) {
    const err = await Promise.race([spawnError, new Promise<null>((ok) => setTimeout(() => ok(null), 150))]);
    if (err) return fail(`Cannot run ${JANUS_BIN}: ${err.message}`);
    if (exited) return fail(`Janus exited early (code ${child.exitCode}, signal ${child.signalCode})`);
    if (await janusInfo(JANUS_HTTP_URL) && await portOpen(JANUS_WS_PORT)) {
      ready = true;
      break;
    }
  }
  if (!ready) return fail(`Janus did not answer on ${JANUS_HTTP_URL}/info and ${JANUS_WS_URL} within ${START_TIMEOUT_MS / 1000} s`);

  try {
    const s = await serveStatic(resolve(demos));
    running.demoServer = s.server;
    return { httpUrl: JANUS_HTTP_URL, wsUrl: JANUS_WS_URL, demosUrl: s.url, logFile, logTail: (n) => tail(logFile, n), stop };
  } catch (e) {
    return fail(`Cannot serve the demos: ${e instanceof Error ? e.message : String(e)}`);
  }
}
