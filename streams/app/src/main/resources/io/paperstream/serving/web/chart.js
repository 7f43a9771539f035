// Counts per window as SVG lines: one line per series, the windows where it was reported rising marked on it,
// every window a link to its view. Hand-written: a few polylines need no charting library.
'use strict';

import { el, fixed, routes, shortWindow, svg } from './dom.js';

const WIDTH = 960;
const PAD = { left: 36, right: 12, top: 10, bottom: 24 };
// distinct hues for the taxonomy's topics; series beyond them reuse the palette
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2',
  '#7f7f7f', '#bcbd22', '#393b79', '#637939', '#843c39', '#7b4173'];

export const colour = (index) => PALETTE[index % PALETTE.length];

function riseText(label, trend) {
  return `${label} · ${shortWindow(trend.windowStart)}: rising, ${trend.count} papers, baseline ${fixed(trend.baseline)},`
    + ` score ${fixed(trend.score)}, rank ${trend.rank}`;
}

function yAxis(max, y) {
  const ticks = max > 1 ? [0, Math.round(max / 2), max] : [0, max];
  return ticks.map((tick) => svg('g', { class: 'tick' },
    svg('line', { x1: PAD.left, x2: WIDTH - PAD.right, y1: y(tick), y2: y(tick) }),
    svg('text', { x: PAD.left - 6, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick))));
}

function xAxis(windows, x, height) {
  const shown = windows.length <= 3 ? windows.map((_, i) => i) : [0, Math.floor((windows.length - 1) / 2), windows.length - 1];
  return shown.map((i) => svg('text', {
    class: 'day', x: x(i), y: height - 6, 'text-anchor': i === 0 ? 'start' : i === windows.length - 1 ? 'end' : 'middle',
  }, shortWindow(windows[i])));
}

/** One transparent column per window: hovering lists every series' count there, clicking opens the window. */
function columns(windows, series, x, height) {
  const step = windows.length > 1 ? x(1) - x(0) : WIDTH - PAD.left - PAD.right;
  return windows.map((start, i) => {
    const counts = series.filter((line) => line.counts[i] > 0)
      .sort((a, b) => b.counts[i] - a.counts[i])
      .map((line) => `${line.label} ${line.counts[i]}`);
    const text = `${shortWindow(start)}: ${counts.length > 0 ? counts.join(', ') : 'no papers'}`;
    return svg('a', { class: 'column', href: routes.window(start), 'data-window': start },
      svg('rect', { x: x(i) - step / 2, y: PAD.top, width: step, height: height - PAD.top - PAD.bottom }),
      svg('title', null, text));
  });
}

function line(series, index, x, y) {
  const points = series.counts.map((count, i) => `${x(i).toFixed(1)},${y(count).toFixed(1)}`).join(' ');
  return svg('polyline', { class: 'series', points, stroke: series.colour || colour(index), 'data-key': series.key },
    svg('title', null, series.label));
}

function riseMarks(series, index, windows, x, y) {
  return series.rising.filter((trend) => windows.includes(trend.windowStart)).map((trend) => {
    const i = windows.indexOf(trend.windowStart);
    return svg('a', { href: routes.window(trend.windowStart) },
      svg('circle', {
        class: 'rise', cx: x(i), cy: y(series.counts[i]), r: 5, stroke: series.colour || colour(index),
        'data-key': series.key, 'data-window': trend.windowStart, 'data-score': trend.score,
      }, svg('title', null, riseText(series.label, trend))));
  });
}

/**
 * A chart of {@code series} ({key, label, counts, rising, colour?}; counts follow {@code windows}, the window starts)
 * with {@code height} pixels of drawing; an empty note when there are no windows.
 */
export function historyChart(windows, series, label, height = 240) {
  if (windows.length === 0) {
    return el('p', { class: 'empty' }, 'No closed window in this range.');
  }
  const max = Math.max(1, ...series.flatMap((one) => one.counts));
  const x = (i) => PAD.left + (windows.length > 1 ? (i * (WIDTH - PAD.left - PAD.right)) / (windows.length - 1) : (WIDTH - PAD.left - PAD.right) / 2);
  const y = (count) => height - PAD.bottom - (count / max) * (height - PAD.top - PAD.bottom);
  return svg('svg', {
    class: 'history', viewBox: `0 0 ${WIDTH} ${height}`, role: 'img', 'aria-label': label, 'data-windows': windows.length,
  },
  yAxis(max, y), xAxis(windows, x, height), columns(windows, series, x, height),
  series.map((one, i) => line(one, i, x, y)), series.flatMap((one, i) => riseMarks(one, i, windows, x, y)));
}
