// Protects the accuracy report's Markdown: the summary row per stack and calibration, small
// samples flagged, the group tables, and the per-photo time ratios.
import { describe, expect, it } from 'vitest';
import { groupTable, largestGap, metrics, type PersonScores } from './groups';
import { renderReport, withCi, type AccuracyReport, type SmileTable } from './groups-report';

const persons: PersonScores[] = [
  { person: 'a', groups: { ethnicity: 'x', gender: 'f' }, pos: [0.9], neg: [0.1] },
  { person: 'b', groups: { ethnicity: 'x', gender: 'm' }, pos: [0.6], neg: [0.7] },
  { person: 'c', groups: { ethnicity: 'y', gender: 'f' }, pos: [0.8], neg: [0.2] },
];
const table = (name: string): SmileTable => {
  const ethnicity = groupTable(name, persons, 'ethnicity', 0.5, { reps: 100 }), gender = groupTable(name, persons, 'gender', 0.5, { reps: 100 });
  return { overall: metrics(name, persons, 0.5, { reps: 100 }), ethnicity, gender, gaps: [largestGap(ethnicity, 'auc')!, largestGap(gender, 'auc')!], excluded: [] };
};
const report: AccuracyReport = {
  mode: 'short', pairs: 3, bootstrap: { reps: 100, seed: 1, unit: 'person' }, thresholds: { selfviewSmile: 0.5, peer: 0.5 },
  smile: { Selfview: { none: table('s'), baseline: table('sb') }, human: { none: table('h') } },
  cues: [{ key: 'eyesClosed', label: 'eyes closed', threshold: 'eyesClosed > 0.5', none: null, baseline: null }],
  detection: [], variants: [], durationS: 12,
  timing: [
    { stack: 'Selfview', backend: 'mp', london: { photos: 6, medianMs: 50, meanMs: 55, p90Ms: 70 } },
    { stack: 'human', backend: 'tfjs wasm', london: { photos: 6, medianMs: 75, meanMs: 80, p90Ms: 90 } },
  ],
};
const md = renderReport(report);

describe('renderReport', () => {
  it('has one summary row per stack and calibration, with the interval and the own-neutral count', () => {
    const auc = withCi(report.smile.Selfview!.none.overall.auc);
    expect(auc).toMatch(/^0\.889 \[\d\.\d{3}, 1\.000\]$/);
    expect(md).toContain(`| Selfview | none | ${auc} ⚠ | `);
    expect(md).toContain('| Selfview | own neutral photo | ');
    expect(md).toContain('| human | none | ');
    expect(md).not.toContain('| human | own neutral photo | ');
    expect(md).toMatch(/\| 2\/3 \| x 0\.750 \(n=2\) \| 0\.250 \(x 0\.750, n=2 vs y 1\.000, n=1\) \|/);
  });

  it('tables every group with its size, flagged as a small sample', () => {
    expect(md).toContain('### AUC by self-reported ethnicity');
    expect(md).toMatch(/\| x \| 2 ⚠ \| 0\.750 /);
    expect(md).toContain('| group | persons | Selfview | Selfview + baseline | human | human + baseline |');
  });

  it('says when a cue has no labelled data, and gives time ratios against Selfview', () => {
    expect(md).toContain('| eyes closed | eyesClosed > 0.5 | none | 0 | – | no labelled data |');
    expect(md).toContain('| human | tfjs wasm | 6 | 75.0 | 80.0 | 90.0 | 1.50× |');
  });
});
