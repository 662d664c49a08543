/**
 * Dev check of the call pages served by test/support/call-page.ts, in plain headless Chromium with
 * a fake camera and WITHOUT the extension: proves that each page, by itself, joins its loopback call
 * and sends video, turns the camera off and on, and leaves. Not part of `npm test`; run it after
 * changing a page:
 *
 *   npx tsx test/support/call-pages/check.ts [--loopback] [route-substring...]
 *
 * `--loopback` adds `--allow-loopback-in-peer-connection` (needed where the only interface is `lo`,
 * e.g. inside the netns of test/support/netns.ts). For each route it clicks `#join` (in the call's
 * frame where there is one) and waits for "joined", then for pc1 `connected` with frames encoded on
 * pc1 and decoded on pc2 (and, on /clone, the original camera track A ended); then `#camoff` ("camera off", the sent track ended), `#camon` ("camera
 * on", frames flow again), `#leave` ("left", pc1 closed). Prints a table; exits 1 if a route fails.
 */
import { chromium, type Frame, type Page } from 'playwright-core';
import { QUIET_FLAGS } from '../../../scripts/support/browser';
import { CHROMIUM } from '../../../scripts/support/paths';
import { startCallPage } from '../call-page';
import { CLONE_VIAS } from './clone';

interface Case {
  route: string;
  /** `name` of the frame that runs the call; the top frame when absent. */
  frame?: string;
}

const CASES: Case[] = [
  { route: '/call' },
  { route: '/framed', frame: 'call' },
  { route: '/framed?nested=1', frame: 'call' },
  { route: '/blank-camera' },
  { route: '/pristine' },
  ...CLONE_VIAS.map((via) => ({ route: `/clone?via=${via}` })),
];
const STEP_MS = 15_000;

interface Probe { pc1: string; encoded: number; decoded: number; sent: string; original: string }

/** pc1's state, frames encoded on pc1 and decoded on pc2, and the sent track's state. Plain
 * identifiers: `/call` keeps pc1/pc2/sender in `let`s, the variants on window; both resolve. */
const PROBE = `(async () => {
  const original = window.original ? window.original.readyState : 'none';
  if (typeof pc1 === 'undefined' || !pc1) return { pc1: 'none', encoded: 0, decoded: 0, sent: 'none', original };
  const count = async (pc, type, key) => {
    let n = 0;
    (await pc.getStats()).forEach((s) => { if (s.type === type && s.kind === 'video') n += s[key] || 0; });
    return n;
  };
  const encoded = await count(pc1, 'outbound-rtp', 'framesEncoded');
  const decoded = pc2.connectionState === 'closed' ? 0 : await count(pc2, 'inbound-rtp', 'framesDecoded');
  return { pc1: pc1.connectionState, encoded, decoded, sent: sender && sender.track ? sender.track.readyState : 'none', original };
})()`;

const probe = (f: Frame) => f.evaluate(PROBE) as Promise<Probe>;

async function until(what: string, f: Frame, ok: (p: Probe) => boolean): Promise<Probe> {
  const end = Date.now() + STEP_MS;
  let p = await probe(f);
  while (!ok(p)) {
    if (Date.now() > end) throw new Error(`${what}: still ${JSON.stringify(p)}`);
    await new Promise((r) => setTimeout(r, 250));
    p = await probe(f);
  }
  return p;
}

async function clickAndWait(f: Frame, button: string, want: string): Promise<void> {
  await f.click(button);
  const end = Date.now() + STEP_MS;
  for (;;) {
    const s = (await f.textContent('#status'))?.trim() ?? '';
    if (s === want) return;
    if (s.startsWith('error') || Date.now() > end) throw new Error(`${button}: status "${s}", wanted "${want}"`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function callFrame(page: Page, name?: string): Promise<Frame> {
  if (!name) return page.mainFrame();
  const end = Date.now() + STEP_MS;
  let f = page.frame({ name });
  while (!f) {
    if (Date.now() > end) throw new Error(`no frame named "${name}"`);
    await new Promise((r) => setTimeout(r, 100));
    f = page.frame({ name });
  }
  await f.waitForSelector('#join', { timeout: STEP_MS });
  return f;
}

interface Row { route: string; frame: string; joined: string; camoff: string; camon: string; left: string; result: string }

async function runCase(page: Page, origin: string, c: Case, log: string[]): Promise<Row> {
  const row: Row = { route: c.route, frame: c.frame ?? 'top', joined: '', camoff: '', camon: '', left: '', result: 'FAIL' };
  try {
    await page.goto(`${origin}${c.route}`);
    const f = await callFrame(page, c.frame);
    if (c.frame) row.frame = `${c.frame} (depth ${depth(f)})`;
    await clickAndWait(f, '#join', 'joined');
    const j = await until('join', f, (p) => p.pc1 === 'connected' && p.encoded > 10 && p.decoded > 10);
    row.joined = `${j.pc1}, enc ${j.encoded}, dec ${j.decoded}`;
    // /clone: the camera's own track is stopped once the clone is on the call.
    if (c.route.startsWith('/clone') && j.original !== 'ended') throw new Error(`join: original track ${j.original}, wanted ended`);
    if (j.original === 'ended') row.joined += ', A ended';
    await clickAndWait(f, '#camoff', 'camera off');
    const off = await until('camera off', f, (p) => p.sent === 'ended');
    row.camoff = `track ${off.sent}`;
    await clickAndWait(f, '#camon', 'camera on');
    const on = await until('camera on', f, (p) => p.sent === 'live' && p.encoded > off.encoded + 10);
    row.camon = `track ${on.sent}, enc +${on.encoded - off.encoded}`;
    await clickAndWait(f, '#leave', 'left');
    const left = await until('leave', f, (p) => p.pc1 === 'closed');
    row.left = `pc1 ${left.pc1}`;
    row.result = 'ok';
  } catch (e) {
    row.result = `FAIL: ${(e as Error).message.split('\n')[0]}`;
    if (log.length) row.result += ` | console: ${log.slice(-3).join(' / ')}`;
  }
  return row;
}

function depth(f: Frame): number {
  let n = 0;
  for (let p = f.parentFrame(); p; p = p.parentFrame()) n++;
  return n;
}

function table(rows: Row[]): string {
  const cols = Object.keys(rows[0]!) as (keyof Row)[];
  const width = cols.map((k) => Math.max(k.length, ...rows.map((r) => r[k].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(width[i]!)).join(' | ');
  return [line(cols), width.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map((r) => line(cols.map((k) => r[k])))].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const loopback = argv.includes('--loopback');
  const only = argv.filter((a) => !a.startsWith('--'));
  const cases = only.length ? CASES.filter((c) => only.some((o) => c.route.includes(o))) : CASES;
  const server = await startCallPage();
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...QUIET_FLAGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', ...(loopback ? ['--allow-loopback-in-peer-connection'] : [])],
  });
  const rows: Row[] = [];
  try {
    console.log(`Chromium ${browser.version()}, pages at ${server.origin}${loopback ? ', --allow-loopback-in-peer-connection' : ''}`);
    for (const c of cases) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const log: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error') log.push(m.text()); });
      page.on('pageerror', (e) => log.push(e.message));
      rows.push(await runCase(page, server.origin, c, log));
      if (c.route.includes('processor')) {
        const f = await callFrame(page).catch(() => page.mainFrame());
        console.log(`insertable streams on window: ${JSON.stringify(await f.evaluate('window.insertable'))}`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(table(rows));
  const failed = rows.filter((r) => r.result !== 'ok').length;
  console.log(failed ? `${failed} of ${rows.length} routes FAILED` : `all ${rows.length} routes ok`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (e: unknown) => {
  console.error(e);
  process.exit(2);
});
