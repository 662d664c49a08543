// Protects the "Cues against labelled truth" section: built from the recorded fixtures and real labels, every cue gets its row and the thin or missing truths are said.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unpackClip, type PackedClip } from '../../../lib/analysis/second-reading';
import { consensus, parseRaterLabels } from '../../../lib/analysis/validation-labels';
import { cueTruthSection } from './cue-truth';

const ROOT = resolve(import.meta.dirname, '../../..');
const text = (p: string): string => readFileSync(resolve(ROOT, p), 'utf8');
const clips = [{ id: 'cap12', fps: 25 }, { id: 'cap13', fps: 25 }, { id: 'franck', fps: 24 }].map((c) => ({
  ...c,
  frames: unpackClip(JSON.parse(text(`test/fixtures/research/cues-${c.id}.json`)) as PackedClip),
  consensus: consensus(parseRaterLabels(text(`test/validation/labels/${c.id}.r1.tsv`)), parseRaterLabels(text(`test/validation/labels/${c.id}.r2.tsv`))),
}));
const london = JSON.parse(text('test/fixtures/research/london-truth.json')) as { rotations: number[]; photos: Record<string, { gaze: number | null; roll: (number | null)[] }> };
const person = (f: string): string => /(\d+)_\d+\.jpg$/.exec(f)![1]!;
// Groups the fixture can carry (demographics stay in ../shared).
const groups = (f: string) => ({ parity: Number(person(f)) % 2 ? 'odd' : 'even' });
const size = JSON.parse(text('test/fixtures/research/face-size.json')) as Record<string, number>;

const section = cueTruthSection({
  clips,
  roll: Object.entries(london.photos).filter(([f]) => f.includes('/neutral/')).map(([f, p]) => ({
    person: person(f), groups: groups(f), base: p.roll[0]!, rotated: london.rotations.map((angle, i) => ({ angle, roll: p.roll[i + 1]! })),
  })),
  lens: Object.entries(london.photos).map(([f, p]) => ({ person: person(f), groups: groups(f), gaze: p.gaze })),
  faceSize: Object.entries(size).map(([d, s]) => ({ distanceCm: Number(d), faceSize: s })),
  brows: { raised: [{ file: 'A/video_frames/cap13_t18.25.png', qualifier: 'slight', reading: { source: 'frame 456 of the cap13 recording', browRaise: clips[1]!.frames[456]!.browRaise, browFurrow: 0 } }], furrow: [] },
  attributes: ['parity'],
  reps: 200,
});
const md = section.markdown;
const row = (start: string): string => md.split('\n').find((l) => l.startsWith(start)) ?? '';

describe('cueTruthSection on the recorded fixtures', () => {
  it('opens with its heading and gives every cue a row of the summary table', () => {
    expect(md.startsWith('### Cues against labelled truth\n')).toBe(true);
    for (const cue of ['gaze at camera', 'mouth open', 'smile', 'head turned/tipped', 'eyes closed', 'head roll', 'face size', 'brows raised', 'brow furrow']) expect(row(`| ${cue} |`)).not.toBe('');
  });

  it('reports the pooled gaze agreement (246 of 266 seconds) and the London share at camera', () => {
    expect(row('| gaze at camera |')).toContain('| 0.925 |');
    expect(row('| gaze at camera |')).toContain('266 s (260 at / 6 away)');
    expect(md).toMatch(/share read at camera .*\| 1\.000 \| .*146 photos, 73 persons/);
  });

  it('flags the thin truths and the missing one', () => {
    expect(md).toContain('recall of `away` (thin: 6 s)');
    expect(md).toContain('recall of `turned` (thin: 4 s)');
    expect(row('| brow furrow |')).toContain('not measured');
    expect(md).toMatch(/browRaise 0\.0\d\d on frame 456 of the cap13 recording, below the line/);
  });

  it('tables rater agreement for every clip and field, per-angle roll, groups and face size', () => {
    expect(md.split('\n').filter((l) => /^\| (cap12|cap13|franck) \| (gaze|mouth|smile|head|eyes) \| \d+ \|/.test(l))).toHaveLength(15);
    expect(row('| 30° |')).toMatch(/\| 73 \| 73 \| 0\.\d\d /);
    expect(row('| parity: odd |')).not.toBe('');
    expect(row('| 60 |')).toContain('0.266');
  });

  it('returns the figures as JSON too', () => {
    const j = section.json as { video: { field: string; scope: string; n: number }[] };
    expect(j.video.find((v) => v.field === 'mouth' && v.scope === 'pooled')!.n).toBe(255);
  });
});
