/**
 * A chart of per-session values over time (uPlot; x = session start), used by trends, goals and the
 * trainer view: one series per line, points at each session, an optional dashed target line.
 */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { fmtDateTime } from '@/lib/i18n';

/** One line of the chart: values aligned with the chart's x. */
export interface ChartSeries {
  label: string;
  values: (number | null)[];
}

const PALETTE: readonly [string, string][] = [
  ['--fill', '#2f6fe4'], ['--ok', '#1e7b34'], ['--warn', '#8a5a00'], ['--bad', '#b3261e'], ['--muted', '#5b606b'], ['--accent', '#2356c7'],
];

export function TrendsChart(props: { testId: string; label: string; x: number[]; series: ChartSeries[]; max: number | null; format(v: number): string; target?: number | null; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const css = getComputedStyle(document.documentElement);
    const color = (i: number): string => {
      const [v, d] = PALETTE[i % PALETTE.length]!;
      return css.getPropertyValue(v).trim() || d;
    };
    const target = props.target ?? null;
    const plot = new uPlot(
      {
        width: Math.min(1040, box.current.clientWidth || 640),
        height: props.height ?? 160,
        legend: { show: props.series.length > 1 },
        scales: { x: { time: true }, y: props.max === null ? { range: (_u, _min, max) => [0, Math.max(1, max * 1.1)] } : { range: [0, props.max] } },
        axes: [
          { stroke: color(4), values: (_u, ticks) => ticks.map((v) => fmtDateTime(v * 1000, { month: 'short', day: 'numeric' })) },
          { stroke: color(4), values: (_u, ticks) => ticks.map((v) => props.format(v)), size: 56 },
        ],
        hooks: {
          draw: [
            (u) => {
              if (target === null) return;
              const ctx = u.ctx;
              const y = Math.round(u.valToPos(target, 'y', true));
              ctx.save();
              ctx.strokeStyle = color(2);
              ctx.setLineDash([6, 4]);
              ctx.lineWidth = 1.5 * devicePixelRatio;
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.restore();
            },
          ],
        },
        series: [
          { value: (_u, v) => (v === null ? '—' : fmtDateTime(v * 1000, { dateStyle: 'medium', timeStyle: 'short' })) },
          ...props.series.map((s, i) => ({
            label: s.label,
            stroke: color(i),
            width: 1.5,
            spanGaps: true,
            points: { show: true, size: 5 },
            value: (_u: uPlot, v: number | null) => (v === null ? '—' : props.format(v)),
          })),
        ],
      },
      [props.x.map((ms) => ms / 1000), ...props.series.map((s) => s.values as number[])],
      box.current,
    );
    return () => plot.destroy();
  }, [props.x, props.series, props.max, props.target]);
  return <div ref={box} class="trend-chart" data-testid={props.testId} data-points={props.x.length} role="img" aria-label={props.label} />;
}
