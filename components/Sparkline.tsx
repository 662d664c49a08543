import type { ComponentChild } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { t } from '@/lib/i18n';

/**
 * A small live chart of one cue over time (uPlot), with a text equivalent for screen readers;
 * `mark` goes after the value (the "rough" tag of a cue not measured well enough).
 */
export function Sparkline(props: { label: string; t: number[]; values: (number | null)[]; max: number; format: (v: number) => string; testId: string; mark?: ComponentChild }) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const last = [...props.values].reverse().find((v): v is number => v !== null);

  useEffect(() => {
    if (!box.current) return;
    const stroke = getComputedStyle(document.documentElement).getPropertyValue('--fill').trim() || '#2f6fe4';
    plot.current = new uPlot(
      {
        width: box.current.clientWidth || 280,
        height: 48,
        legend: { show: false },
        cursor: { show: false },
        axes: [{ show: false }, { show: false }],
        scales: { x: { time: false }, y: { range: [0, props.max] } },
        series: [{}, { stroke, width: 1.5, fill: `${stroke}22`, spanGaps: false }],
      },
      [props.t, props.values as number[]],
      box.current,
    );
    return () => plot.current?.destroy();
  }, []);

  useEffect(() => {
    plot.current?.setData([props.t, props.values as number[]]);
  }, [props.t, props.values]);

  return (
    <figure class="spark" data-testid={props.testId} data-points={props.t.length}>
      <figcaption>
        {props.label}: <strong>{last === undefined ? '—' : props.format(last)}</strong>
        {props.mark}
      </figcaption>
      <div ref={box} role="img" aria-label={t('charts.aria', { label: props.label, n: props.t.length, value: last === undefined ? t('charts.noReading') : props.format(last) })} />
    </figure>
  );
}
