/** Markdown tables for the performance report (the printed table is the same text). */

/** A cell's text: pipes escaped and line breaks flattened, so a value can never break the table. */
export function cell(v: unknown): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : 'not measured') : v === null || v === undefined ? '—' : String(v);
  return s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** A Markdown table of `rows` under `headers` (rows shorter than the header are padded with "—"). */
export function markdownTable(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const line = (xs: readonly unknown[]): string => `| ${headers.map((_, i) => cell(xs[i])).join(' | ')} |`;
  return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** Milliseconds for a table: one decimal below 100 ms, whole above. */
export function ms(v: number): string {
  if (!Number.isFinite(v)) return 'not measured';
  return `${Math.abs(v) < 100 ? Math.round(v * 10) / 10 : Math.round(v)} ms`;
}

/** Bytes for a table, in kB or MB. */
export function bytes(v: number): string {
  if (!Number.isFinite(v)) return 'not measured';
  return v >= 1e6 ? `${Math.round(v / 1e4) / 100} MB` : `${Math.round(v / 100) / 10} kB`;
}
