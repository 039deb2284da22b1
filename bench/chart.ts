/**
 * A small SVG line chart (linear or log axes), so the harness needs no
 * charting dependency.
 */

export interface Series {
  name: string;
  color: string;
  dashed?: boolean;
  points: Array<[number, number]>;
}

export interface ChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
  logX?: boolean;
  logY?: boolean;
  width?: number;
  height?: number;
}

const MARGIN = { top: 40, right: 230, bottom: 50, left: 70 };

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const label = (value: number) => (value >= 1000 ? `${+(value / 1000).toPrecision(3)}k` : `${+value.toPrecision(3)}`);

function ticks(min: number, max: number, log: boolean): number[] {
  if (log) {
    const out: number[] = [];
    for (let decade = 10 ** Math.floor(Math.log10(min)); decade <= max; decade *= 10) {
      for (const step of [1, 2, 5]) if (decade * step >= min && decade * step <= max) out.push(decade * step);
    }
    return out;
  }
  const raw = (max - min) / 5;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let value = Math.ceil(min / step) * step; value <= max + step / 1e6; value += step) out.push(value);
  return out;
}

function scale(min: number, max: number, from: number, to: number, log: boolean) {
  const f = log ? Math.log10 : (v: number) => v;
  const [lo, hi] = [f(min), f(max)];
  return (value: number) => from + ((f(value) - lo) / (hi - lo || 1)) * (to - from);
}

function extent(values: number[], log: boolean): [number, number] {
  const usable = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  let [min, max] = [Math.min(...usable), Math.max(...usable)];
  if (log) [min, max] = [10 ** Math.floor(Math.log10(min)), 10 ** Math.ceil(Math.log10(max))];
  else [min, max] = [Math.min(0, min), max * 1.1 || 1];
  return [min, max];
}

/**
 * @example
 * writeFileSync('chart.svg', lineChart({ title: 'p99', xLabel: 'req/s', yLabel: 'ms', series, logX: true, logY: true }));
 */
export function lineChart({ title, xLabel, yLabel, series, logX = false, logY = false, width = 900, height = 480 }: ChartOptions): string {
  const points = series.flatMap((s) => s.points).filter(([x, y]) => (!logX || x > 0) && (!logY || y > 0));
  const [xMin, xMax] = extent(points.map(([x]) => x), logX);
  const [yMin, yMax] = extent(points.map(([, y]) => y), logY);
  const x = scale(xMin, xMax, MARGIN.left, width - MARGIN.right, logX);
  const y = scale(yMin, yMax, height - MARGIN.bottom, MARGIN.top, logY);
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2 - MARGIN.right / 2}" y="22" text-anchor="middle" font-size="15">${escape(title)}</text>`,
  ];
  for (const tick of ticks(xMin, xMax, logX)) {
    out.push(`<line x1="${x(tick)}" x2="${x(tick)}" y1="${MARGIN.top}" y2="${height - MARGIN.bottom}" stroke="#eee"/>`);
    out.push(`<text x="${x(tick)}" y="${height - MARGIN.bottom + 16}" text-anchor="middle">${label(tick)}</text>`);
  }
  for (const tick of ticks(yMin, yMax, logY)) {
    out.push(`<line x1="${MARGIN.left}" x2="${width - MARGIN.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#eee"/>`);
    out.push(`<text x="${MARGIN.left - 6}" y="${y(tick) + 4}" text-anchor="end">${label(tick)}</text>`);
  }
  out.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${width - MARGIN.left - MARGIN.right}" height="${height - MARGIN.top - MARGIN.bottom}" fill="none" stroke="#999"/>`,
    `<text x="${(MARGIN.left + width - MARGIN.right) / 2}" y="${height - 12}" text-anchor="middle">${escape(xLabel)}</text>`,
    `<text transform="translate(18 ${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)" text-anchor="middle">${escape(yLabel)}</text>`,
  );
  series.forEach((s, i) => {
    const drawn = s.points.filter(([px, py]) => (!logX || px > 0) && (!logY || py > 0));
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<polyline fill="none" stroke="${s.color}" stroke-width="2"${dash} points="${drawn.map(([px, py]) => `${x(px).toFixed(1)},${y(py).toFixed(1)}`).join(' ')}"/>`);
    for (const [px, py] of drawn) out.push(`<circle cx="${x(px).toFixed(1)}" cy="${y(py).toFixed(1)}" r="3" fill="${s.color}"/>`);
    const ly = MARGIN.top + 10 + i * 20;
    out.push(`<line x1="${width - MARGIN.right + 15}" x2="${width - MARGIN.right + 45}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${width - MARGIN.right + 52}" y="${ly + 4}">${escape(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}
