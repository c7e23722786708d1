// Time-series charts on uPlot (served from node_modules at dashboard/vendor/). A chart is made
// once and fed new data every refresh; it is made again only when its series change.
import uPlot from './vendor/uPlot.esm.js';
import { TIME_ZONE, clock, count, when } from './format.js';

const COLOURS = ['#4dabf7', '#69db7c', '#ffd43b', '#ff922b', '#da77f2', '#38d9a9', '#f783ac', '#a9e34b'];
const AXIS = { stroke: '#9fb0c3', grid: { stroke: '#25303c', width: 1 }, ticks: { stroke: '#25303c', width: 1 } };

function options(width, series, seconds) {
  return {
    width,
    height: 180,
    // Ticks fall on Istanbul's hours and days, not the browser's.
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
    scales: {
      // From the data, at least half an hour wide: the first minute samples after a start get an
      // axis (uPlot's own answer for a lone point is a day, of milliseconds read as seconds).
      x: {
        time: true,
        range: (u, min, max) => {
          const xs = u.data[0] ?? [];
          const first = xs[0] ?? min;
          const last = xs[xs.length - 1] ?? max;
          return first === null || last === null ? [0, 1] : [Math.min(first, last - 1800), last];
        },
      },
      y: { range: (_u, _min, max) => [0, Math.max(1, max ?? 1) * 1.1] },
    },
    axes: [
      { ...AXIS, values: (_u, splits) => splits.map((ts) => clock(ts * 1000)) },
      { ...AXIS, size: 50, values: (_u, splits) => splits.map((v) => (Number.isInteger(v) ? count(v) : '')) },
    ],
    legend: { live: true },
    cursor: { drag: { x: false, y: false } },
    series: [
      { label: 'Zaman', value: (_u, ts) => (ts === null ? '' : seconds ? clock(ts * 1000, true) : when(ts * 1000)) },
      ...series.map((label, i) => ({
        label,
        stroke: COLOURS[i % COLOURS.length],
        width: 2,
        points: { size: 5 },
        value: (_u, v) => (v === null || v === undefined ? '—' : count(v)),
        spanGaps: false,
      })),
    ],
  };
}

/** A chart in `element` that redraws itself on new data and on resize. */
export function timeChart(element, { seconds = false } = {}) {
  let plot = null;
  let labels = '';
  const width = () => Math.max(280, element.clientWidth);
  new ResizeObserver(() => plot?.setSize({ width: width(), height: 180 })).observe(element);
  return {
    /** @param times epoch seconds; @param series [{ label, values }] */
    update(times, series) {
      const key = series.map((s) => s.label).join('\n');
      const data = [times, ...series.map((s) => s.values)];
      if (plot !== null && key === labels) {
        plot.setData(data);
        return;
      }
      plot?.destroy();
      labels = key;
      plot = new uPlot(options(width(), series.map((s) => s.label), seconds), data, element);
    },
  };
}
