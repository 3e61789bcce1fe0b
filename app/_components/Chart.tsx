'use client';

import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { useUi } from './i18n';

Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
);

export interface Series {
  label: string;
  data: number[];
  color: string;
}

// A chart.js canvas in the page's theme (colours read from the CSS variables, redrawn on a theme
// change). The figures are also in a table beside each chart, for screen readers and for copying.
export function BarChart({
  labels,
  series,
  horizontal = false,
  line = false,
  title,
  testId,
  format,
}: {
  labels: (string | string[])[];
  series: Series[];
  horizontal?: boolean;
  line?: boolean;
  title: string;
  testId?: string;
  format?: (v: number) => string;
}) {
  const { theme } = useUi();
  const canvas = useRef<HTMLCanvasElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: theme changes the CSS variables read inside
  useEffect(() => {
    if (!canvas.current) return;
    const css = getComputedStyle(document.documentElement);
    const text = css.getPropertyValue('--text').trim() || '#333';
    const grid = css.getPropertyValue('--border').trim() || '#ccc';
    const config: ChartConfiguration<'bar' | 'line'> = {
      type: line ? 'line' : 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({
          label: s.label,
          data: s.data,
          backgroundColor: s.color,
          borderColor: s.color,
          borderWidth: line ? 2 : 0,
          pointRadius: line ? 2 : 0,
        })),
      },
      options: {
        indexAxis: horizontal ? 'y' : 'x',
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        color: text,
        plugins: {
          legend: { display: series.length > 1, labels: { color: text } },
          tooltip: format
            ? { callbacks: { label: (c) => `${c.dataset.label}: ${format(Number(c.raw))}` } }
            : {},
        },
        scales: {
          x: {
            ticks: {
              color: text,
              // Whole counts and whole seconds on the value axis.
              ...(horizontal ? { precision: 0 } : {}),
              ...(horizontal && format ? { callback: (v) => format(Number(v)) } : {}),
            },
            grid: { color: grid },
          },
          y: {
            ticks: {
              color: text,
              ...(!horizontal ? { precision: 0 } : {}),
              ...(!horizontal && format ? { callback: (v) => format(Number(v)) } : {}),
            },
            grid: { color: grid },
            beginAtZero: true,
          },
        },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [labels, series, horizontal, line, format, theme]);
  return (
    <figure className="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div className="chart-box">
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
    </figure>
  );
}
