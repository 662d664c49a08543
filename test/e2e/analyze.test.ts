// `npm run analyze` on the shared photos: ranks smiles above their neutral twins, counts no face on
// pictures without one and 2+ on group photos, and reports unreadable files without stopping.
// `--baseline` puts every row on the scale of the person's neutral photo.
import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACES, ROOT, requireBuilt } from '../../scripts/support/paths';
import { ABOVE_THRESHOLD } from '../../lib/cues/aggregate';

interface Row { file: string; t?: number; faces?: number; quality?: number; cues?: Record<string, number | null>; error?: string }

const list = (dir: string): string[] => readdirSync(resolve(FACES, dir)).sort().map((f) => resolve(FACES, dir, f));
const neutral = list('A/london/neutral');
const smiling = list('A/london/smiling');
const noFace = list('C/no_face');
const multi = list('C/multi_face');
const bad = join(tmpdir(), 'selfview-broken.png');
let rows: Row[] = [];
let exitCode = 0;

/** ROC AUC of positives vs negatives (ties count half). */
function auc(pos: number[], neg: number[]): number {
  let s = 0;
  for (const p of pos) for (const n of neg) s += p > n ? 1 : p === n ? 0.5 : 0;
  return s / (pos.length * neg.length);
}

beforeAll(async () => {
  requireBuilt({ faces: true });
  writeFileSync(bad, 'not a picture');
  const files = [...neutral, ...smiling, ...noFace, ...multi, bad, '/no/such/file.jpg', resolve(FACES, 'B/cap13_edit2.mp4')];
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/analyze.ts', ...files], { cwd: ROOT, maxBuffer: 64 << 20 });
    rows = stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
  } catch (err) {
    const e = err as { code: number; stdout: string };
    exitCode = e.code;
    rows = e.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row);
  }
}, 600_000);

const rowOf = (f: string): Row => {
  const r = rows.find((x) => x.file === f);
  if (!r) throw new Error(`no row for ${f}`);
  return r;
};

describe('npm run analyze', () => {
  it('ranks the London smiling photos above their neutral twins', () => {
    expect(neutral).toHaveLength(73);
    const id = (f: string): string => f.split('/').pop()!.split('_')[0]!;
    const pairs = neutral.map((n) => [rowOf(n).cues!.smile!, rowOf(smiling.find((s) => id(s) === id(n))!).cues!.smile!] as const);
    const a = auc(pairs.map((p) => p[1]), pairs.map((p) => p[0]));
    const within = pairs.filter(([n, s]) => s > n).length;
    console.log(`smile AUC on ${pairs.length} London pairs: ${a.toFixed(4)}; smile above own neutral in ${within}/${pairs.length}`);
    expect(a).toBeGreaterThan(0.9);
    expect(within).toBeGreaterThanOrEqual(70);
  });

  it('finds no face on C/no_face and 2+ on C/multi_face', () => {
    const counts = [...noFace, ...multi].map((f) => `${f.slice(FACES.length + 1)}: ${rowOf(f).faces}`);
    console.log(`faces found:\n  ${counts.join('\n  ')}`);
    for (const f of noFace) expect(rowOf(f).faces, f).toBe(0);
    for (const f of multi) expect(rowOf(f).faces, f).toBeGreaterThanOrEqual(2);
  });

  it('gives one row per second of video, with t', () => {
    const video = rows.filter((r) => r.file.endsWith('cap13_edit2.mp4'));
    expect(video.length).toBeGreaterThanOrEqual(30);
    expect(video.map((r) => r.t)).toEqual(video.map((_, i) => i));
    expect(video.filter((r) => r.faces === 1).length).toBeGreaterThan(video.length * 0.8);
  });

  it('reports unreadable files with an error line and a non-zero exit, and still analyses the rest', () => {
    expect(exitCode).toBe(1);
    expect(rowOf(bad).error).toMatch(/could not be read as an image or video/);
    expect(rowOf('/no/such/file.jpg').error).toMatch(/not found/);
    expect(rows.filter((r) => !r.error).length).toBeGreaterThan(150);
  });
});

describe('npm run analyze --baseline', () => {
  const run = async (args: string[]): Promise<{ code: number; rows: Row[] }> => {
    try {
      const { stdout } = await promisify(execFile)('npx', ['tsx', 'scripts/analyze.ts', ...args], { cwd: ROOT });
      return { code: 0, rows: stdout.trim().split('\n').map((l) => JSON.parse(l) as Row) };
    } catch (err) {
      const e = err as { code: number; stdout: string };
      return { code: e.code, rows: e.stdout.trim() ? e.stdout.trim().split('\n').map((l) => JSON.parse(l) as Row) : [] };
    }
  };
  const own = (id: string) => ({ n: neutral.find((f) => f.endsWith(`/${id}_03.jpg`))!, s: smiling.find((f) => f.includes(`/${id}_08.jpg`))! });

  it("reads a person's neutral photo as rest and their smile, on that scale, above it", async () => {
    requireBuilt({ faces: true });
    const { n, s } = own('001');
    const plain = await run([s]);
    const { code, rows: out } = await run(['--baseline', n, s, n]);
    expect(code).toBe(0);
    expect(out.map((r) => [r.file, (r as Row & { baseline?: string }).baseline])).toEqual([[s, n], [n, n]]);
    const [sm, ne] = out;
    // Eyes are read as measured even with a baseline (lib/feedback/baseline `normalise`).
    for (const c of ['smile', 'browRaise', 'browFurrow', 'mouthOpen', 'headYaw', 'headPitch']) expect(ne!.cues![c], c).toBe(0);
    // Judged against the person's own rest (lib/feedback/person-rule): the smile clears the line.
    expect(sm!.cues!.smile).toBeGreaterThan(ABOVE_THRESHOLD.smile);
    expect(plain.rows[0]!.cues!.smile!).toBeGreaterThan(0);
    expect(sm!.cues!.headRoll).toBe(plain.rows[0]!.cues!.headRoll); // roll is not baselined
  });

  it('refuses a baseline photo without a face, with the calibration message, for every file', async () => {
    const { code, rows: out } = await run(['--baseline', noFace[0]!, own('001').s]);
    expect(code).toBe(1);
    expect(out[0]!.error).toMatch(/^Baseline .+: Too few frames where your face was clearly visible \(0 of 100\)/);
    expect((await run(['--baseline'])).code).toBe(2);
  });
});
