import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CueSeries } from '@/lib/feedback/series';
import { pct, t } from '@/lib/i18n';

const mmss = (s: number): string => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** The whole call on one chart: looking at the camera, smile and drawn brows per second. */
export function Timeline({ series, marks = [] }: { series: CueSeries; marks?: { t: number; label: string }[] }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!box.current) return;
    const css = getComputedStyle(document.documentElement);
    const color = (v: string, d: string): string => css.getPropertyValue(v).trim() || d;
    const plot = new uPlot(
      {
        width: Math.min(900, box.current.clientWidth || 700),
        height: 220,
        scales: { x: { time: false }, y: { range: [0, 1] } },
        hooks: {
          // Nudges as dashed vertical lines at the second they were given.
          draw: [
            (u) => {
              const ctx = u.ctx;
              ctx.save();
              ctx.strokeStyle = color('--bad', '#b3261e');
              ctx.setLineDash([4, 4]);
              ctx.lineWidth = 1.5 * devicePixelRatio;
              for (const m of marks) {
                const x = Math.round(u.valToPos(m.t, 'x', true));
                ctx.beginPath();
                ctx.moveTo(x, u.bbox.top);
                ctx.lineTo(x, u.bbox.top + u.bbox.height);
                ctx.stroke();
              }
              ctx.restore();
            },
          ],
        },
        axes: [
          { values: (_u, ticks) => ticks.map((v) => mmss(v)), stroke: color('--muted', '#5b606b') },
          { values: (_u, ticks) => ticks.map((v) => pct(v)), stroke: color('--muted', '#5b606b') },
        ],
        series: [
          { label: t('timeline.time') },
          { label: t('charts.gaze'), stroke: color('--fill', '#2f6fe4'), width: 1.5 },
          { label: t('charts.smile'), stroke: color('--ok', '#1e7b34'), width: 1.5 },
          { label: t('charts.brow'), stroke: color('--warn', '#8a5a00'), width: 1.5 },
        ],
      },
      [series.t, series.gaze as number[], series.smile as number[], series.browFurrow as number[]],
      box.current,
    );
    return () => plot.destroy();
  }, [series, marks]);
  return (
    <div ref={box} class="timeline" data-testid="timeline" data-marks={marks.length} role="img"
      aria-label={marks.length ? t('timeline.ariaMarks', marks.length) : t('timeline.aria')} />
  );
}
