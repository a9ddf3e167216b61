import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

interface BarChartProps {
  /** What the chart shows, for screen readers and as its caption. */
  title: string;
  /** Category labels (one per bar); with `days`, the bars are days instead. */
  labels?: string[];
  /** YYYY-MM-DD per bar: a time axis. */
  days?: string[];
  values: number[];
  seriesLabel: string;
  height?: number;
}

const BAR_FILL = "#3d5a80";
const TEXT = "#1f2933";

/**
 * A bar chart drawn by uPlot. Every bar carries its number, so the chart reads without colour;
 * a table of the same numbers follows for screen readers and for copying.
 */
export function BarChart({
  title,
  labels,
  days,
  values,
  seriesLabel,
  height = 220,
}: BarChartProps) {
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return;
    const xs = days
      ? days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000)
      : values.map((_, index) => index);
    const options: uPlot.Options = {
      width: Math.max(280, element.clientWidth),
      height,
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: days
          ? { time: true, range: (_u, min, max) => [min - 43_200, max + 43_200] }
          : { time: false, range: () => [-0.6, values.length - 0.4] },
        y: { range: (_u, _min, max) => [0, Math.max(1, Math.ceil(max * 1.2))] },
      },
      axes: [
        days
          ? { stroke: TEXT, grid: { show: false } }
          : {
              stroke: TEXT,
              grid: { show: false },
              splits: () => values.map((_, index) => index),
              values: (_u, splits) => splits.map((split) => labels?.[split] ?? ""),
            },
        { stroke: TEXT, grid: { stroke: "#e4e7eb" } },
      ],
      series: [
        {},
        {
          label: seriesLabel,
          fill: BAR_FILL,
          stroke: BAR_FILL,
          points: { show: false },
          paths: uPlot.paths.bars!({ size: [0.7, days ? 24 : 80] }),
        },
      ],
      hooks: {
        // The number on top of each bar.
        draw: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.fillStyle = TEXT;
            ctx.font = `${Math.round(12 * devicePixelRatio)}px system-ui, sans-serif`;
            ctx.textAlign = "center";
            ctx.textBaseline = "bottom";
            u.data[1]!.forEach((value, index) => {
              if (value === null || value === undefined || (days && value === 0)) return;
              const x = u.valToPos(u.data[0][index]!, "x", true);
              const y = u.valToPos(value, "y", true);
              ctx.fillText(String(value), x, y - 2 * devicePixelRatio);
            });
            ctx.restore();
          },
        ],
      },
    };
    const chart = new uPlot(options, [xs, values], element);
    const resize = () => chart.setSize({ width: Math.max(280, element.clientWidth), height });
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.destroy();
    };
  }, [days, labels, values, seriesLabel, height]);

  const rows = (days ?? labels ?? []).map((label, index) => [label, values[index] ?? 0] as const);
  return (
    <figure className="chart">
      <div ref={holder} className="chart-canvas" aria-hidden="true" />
      <figcaption className="visually-hidden">{title}</figcaption>
      <details className="chart-table">
        <summary>Show the numbers</summary>
        <table className="table">
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{days ? "Day" : "Stage"}</th>
              <th scope="col">{seriesLabel}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <td>{label}</td>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
