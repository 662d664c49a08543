import { describe, expect, it } from 'vitest';
import { bytes, cell, markdownTable, ms } from './table';

describe('perf tables', () => {
  it('renders a Markdown table, padding short rows', () => {
    expect(markdownTable(['measure', 'value', 'note'], [['detect()', '21.3 ms', 'median'], ['popup FCP', '88 ms']])).toBe(
      ['| measure | value | note |', '| --- | --- | --- |', '| detect() | 21.3 ms | median |', '| popup FCP | 88 ms | — |'].join('\n'),
    );
  });

  it('keeps a cell from breaking the table', () => {
    expect(cell('a | b\n c')).toBe('a \\| b c');
    expect(cell(NaN)).toBe('not measured');
    expect(cell(null)).toBe('—');
  });

  it('formats times and sizes', () => {
    expect(ms(21.345)).toBe('21.3 ms');
    expect(ms(1234.5)).toBe('1235 ms');
    expect(ms(NaN)).toBe('not measured');
    expect(bytes(1_234_567)).toBe('1.23 MB');
    expect(bytes(45_678)).toBe('45.7 kB');
  });
});
