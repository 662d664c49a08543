// Protects the reading of labels.tsv: labels with qualifiers, self-reported versus apparent
// demographics, and the columns found by name (rows here are made up, in the file's format).
import { describe, expect, it } from 'vitest';
import { hasLabel, hasLabelPrefix, parseDemographic, parseLabelList, parseLabels } from './groups-labels';

describe('parseLabelList', () => {
  it('splits names and bracketed qualifiers', () => {
    expect(parseLabelList('neutral(slight smile);glasses; head_pitch_up ;mouth_open(wide, jaw drop)')).toEqual([
      { name: 'neutral', qualifier: 'slight smile' }, { name: 'glasses', qualifier: null },
      { name: 'head_pitch_up', qualifier: null }, { name: 'mouth_open', qualifier: 'wide, jaw drop' },
    ]);
  });
});

describe('parseDemographic', () => {
  it('reads self-reported gender, ethnicity and age', () => {
    expect(parseDemographic('SR: male, east_asian/white, age 28')).toEqual({ source: 'SR', gender: 'male', ethnicity: 'east_asian/white', age: 28 });
  });

  it('gives no group for apparent traits or an empty entry', () => {
    expect(parseDemographic('AP: adult woman, White')).toEqual({ source: 'AP', gender: null, ethnicity: null, age: null });
    expect(parseDemographic('')).toEqual({ source: null, gender: null, ethnicity: null, age: null });
  });
});

describe('parseLabels', () => {
  const tsv = [
    'file\tlabels\tperson_id\tdemographic\tlicence',
    'A/x/neutral/1.jpg\tneutral;frontal\tp1\tSR: female, black, age 30\tCC0',
    'A/x/smiling/1.jpg\tsmile(broad,teeth);frontal\tp1\tSR: female, black, age 30\tCC0',
    'C/none.png\tno_face\t\t\tCC0',
    '',
  ].join('\n');

  it('reads the columns by name and keeps rows without a person', () => {
    const rows = parseLabels(tsv);
    expect(rows.map((r) => [r.file, r.person, r.demographic.ethnicity])).toEqual([
      ['A/x/neutral/1.jpg', 'p1', 'black'], ['A/x/smiling/1.jpg', 'p1', 'black'], ['C/none.png', '', null],
    ]);
    expect(hasLabel(rows[1]!, 'smile')).toBe(true);
    expect(hasLabel(rows[1]!, 'smile', true)).toBe(false);
    expect(hasLabel(rows[0]!, 'neutral', true)).toBe(true);
    expect(hasLabelPrefix(rows[2]!, 'no_')).toBe(true);
  });

  it('says which column is missing', () => {
    expect(() => parseLabels('file\tlabels\n')).toThrow(/no "person_id" column/);
  });
});
