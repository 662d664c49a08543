/**
 * Reads the face material's `labels.tsv` (file, labels, person id, demographic, …) into plain
 * records for the accuracy bench. Labels look like `smile`, `mouth_open(slight)` or
 * `neutral(slight smile)`: a name with an optional qualifier in brackets.
 */

/** One label: `mouth_open(slight)` → `{ name: 'mouth_open', qualifier: 'slight' }`. */
export interface Label {
  name: string;
  qualifier: string | null;
}

/** A demographic entry: `SR:` self-reported or `AP:` apparent (a guess by whoever labelled the photo). */
export interface Demographic {
  source: 'SR' | 'AP' | null;
  gender: string | null;
  ethnicity: string | null;
  age: number | null;
}

/** One row of labels.tsv. */
export interface LabelRow {
  file: string;
  labels: Label[];
  /** Empty when the file shows nobody in particular. */
  person: string;
  demographic: Demographic;
}

/** Parses one `;`-separated label list. */
export function parseLabelList(s: string): Label[] {
  return s.split(';').map((x) => x.trim()).filter(Boolean).map((x) => {
    const m = /^([^()]+?)\s*(?:\((.*)\))?$/.exec(x);
    return { name: (m?.[1] ?? x).trim(), qualifier: m?.[2]?.trim() || null };
  });
}

/** Parses `SR: male, east_asian, age 28`; only self-reported entries give gender and ethnicity. */
export function parseDemographic(s: string): Demographic {
  const m = /^(SR|AP):\s*(.*)$/.exec(s.trim());
  if (!m) return { source: null, gender: null, ethnicity: null, age: null };
  const source = m[1] as 'SR' | 'AP';
  const age = /age\s+(\d+)/.exec(m[2]!);
  if (source === 'AP') return { source, gender: null, ethnicity: null, age: null }; // apparent traits are not a group
  const [gender, ethnicity] = m[2]!.split(',').map((x) => x.trim());
  return { source, gender: gender || null, ethnicity: ethnicity && !ethnicity.startsWith('age') ? ethnicity : null, age: age ? Number(age[1]) : null };
}

/** Parses labels.tsv (header row first, tab-separated). */
export function parseLabels(tsv: string): LabelRow[] {
  const [header, ...lines] = tsv.trim().split('\n');
  const cols = header!.split('\t');
  const at = (name: string): number => {
    const i = cols.indexOf(name);
    if (i < 0) throw new Error(`labels.tsv has no "${name}" column`);
    return i;
  };
  const [file, labels, person, demo] = [at('file'), at('labels'), at('person_id'), at('demographic')];
  return lines.filter((l) => l.trim()).map((l) => {
    const c = l.split('\t');
    return { file: c[file]!, labels: parseLabelList(c[labels] ?? ''), person: c[person] ?? '', demographic: parseDemographic(c[demo] ?? '') };
  });
}

/** True when the row has label `name` (with any qualifier, or only without one when `plain`). */
export function hasLabel(row: LabelRow, name: string, plain = false): boolean {
  return row.labels.some((l) => l.name === name && (!plain || l.qualifier === null));
}

/** True when the row has a label starting with `prefix` (e.g. `head_pitch` for `head_pitch_up`). */
export function hasLabelPrefix(row: LabelRow, prefix: string): boolean {
  return row.labels.some((l) => l.name.startsWith(prefix));
}
