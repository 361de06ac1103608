// Admin view of the `connections` channel: a table of the gateways and four live charts (connections, messages in
// and out per second, delivery latency p50/p99), one series per gateway. The payload is the `data` of a
// `gateway_summary` event (docs/operations.md, "The `connections` channel"). uPlot is loaded only when needed.
import { ago, compact, el } from './dom.js';

/** Points kept per gateway, and the span the charts show at least (the latest point at the right edge). */
const WINDOW_MS = 30 * 60 * 1000;
const VISIBLE_S = 3 * 60;
/** A gateway that said `stopped` leaves the view this long after; one that went silent, after WINDOW_MS. */
const STOPPED_KEPT_MS = 5 * 60 * 1000;
const PALETTE = ['#4c8dff', '#f0883e', '#2fb170', '#e5534b', '#a371f7', '#25b0c8', '#d4a72c', '#db61a2'];
const METRICS = {
  connections: { unit: '', series: [['connections', '']] },
  in: { unit: '/s', series: [['in', '']] },
  out: { unit: '/s', series: [['out', '']] },
  latency: { unit: ' ms', series: [['p50', ' p50'], ['p99', ' p99']] },
};

/** Reads one summary event into a chart point, or null when it is not one. */
export function summaryPoint(message) {
  const data = message.data;
  if (message.event !== 'gateway_summary' || !data || typeof data !== 'object' || typeof data.gateway_id !== 'string') {
    return null;
  }
  const at = Date.parse(data.at);
  const seconds = Number(data.interval_ms) > 0 ? data.interval_ms / 1000 : null;
  const rate = (count) => (seconds && Number.isFinite(count) ? count / seconds : null);
  const latency = data.delivery_latency_ms ?? {};
  return {
    gateway: data.gateway_id,
    t: (Number.isFinite(at) ? at : message.ts) / 1000,
    connections: numberOrNull(data.connections_active),
    subscriptions: numberOrNull(data.subscriptions),
    in: rate(data.messages_received),
    out: rate(data.messages_sent),
    p50: numberOrNull(latency.p50),
    p99: numberOrNull(latency.p99),
    state: typeof data.state === 'string' ? data.state : 'unknown',
    ready: data.ready === true,
    intervalMs: Number(data.interval_ms) || 10_000,
  };
}

const numberOrNull = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);

export class GatewayCharts {
  #tbody;
  #empty;
  #plots;
  /** @type {Map<string, {points: object[], last: object, seenAt: number, color: string, row: HTMLTableRowElement}>} */
  #gateways = new Map();
  #colors = 0;
  #uPlot = null;
  #charts = new Map();
  #chartGateways = '';
  #scheduled = false;
  #ticker = null;

  /** @param {{table: HTMLTableElement, empty: HTMLElement, charts: HTMLElement}} elements */
  constructor(elements) {
    this.#tbody = elements.table.tBodies[0];
    this.#empty = elements.empty;
    this.#plots = elements.charts;
    new ResizeObserver(() => this.#resize()).observe(this.#plots);
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => this.#rebuild());
  }

  /** Loads uPlot and refreshes the "last summary" column every second. */
  async start() {
    if (!this.#ticker) this.#ticker = setInterval(() => this.#refreshAges(), 1000);
    if (!this.#uPlot) this.#uPlot = (await import('./vendor/uplot/uPlot.esm.js')).default;
    this.#schedule();
  }

  stop() {
    clearInterval(this.#ticker);
    this.#ticker = null;
  }

  /** Takes a message of the `connections` channel; anything but a gateway summary is ignored. */
  add(message) {
    const point = summaryPoint(message);
    if (!point) return;
    this.#prune();
    let gateway = this.#gateways.get(point.gateway);
    if (!gateway) {
      const color = PALETTE[this.#colors++ % PALETTE.length];
      gateway = { points: [], last: point, seenAt: Date.now(), color, row: this.#newRow(point.gateway, color) };
      this.#gateways.set(point.gateway, gateway);
    }
    gateway.points.push(point);
    const oldest = point.t - WINDOW_MS / 1000;
    while (gateway.points.length > 0 && gateway.points[0].t < oldest) gateway.points.shift();
    gateway.last = point;
    gateway.seenAt = Date.now();
    this.#fillRow(gateway);
    this.#empty.hidden = true;
    this.#schedule();
  }

  /** Forgets gateways that stopped a while ago or went silent, so short-lived ones do not pile up. */
  #prune() {
    const now = Date.now();
    for (const [id, gateway] of this.#gateways) {
      const age = now - gateway.seenAt;
      if (age > WINDOW_MS || (gateway.last.state === 'stopped' && age > STOPPED_KEPT_MS)) {
        gateway.row.remove();
        this.#gateways.delete(id);
      }
    }
  }

  #newRow(id, color) {
    const row = el('tr', { dataset: { gateway: id } },
      el('th', { scope: 'row', class: 'gw-id', text: id, title: id }));
    for (const name of ['state', 'connections', 'subscriptions', 'in', 'out', 'p50', 'p99', 'seen']) {
      row.append(el('td', { class: name === 'state' || name === 'seen' ? `gw-${name}` : `num ${name}` }));
    }
    const swatch = el('span', { class: 'swatch', attrs: { 'aria-hidden': 'true' } });
    swatch.style.background = color;
    row.cells[0].prepend(swatch);
    this.#tbody.append(row);
    return row;
  }

  #fillRow(gateway) {
    const p = gateway.last;
    const cells = gateway.row.cells;
    const state = el('span', { class: 'pill', dataset: { state: p.state }, text: p.ready ? p.state : `${p.state}, not ready` });
    cells[1].replaceChildren(state);
    [p.connections, p.subscriptions, p.in, p.out, p.p50, p.p99].forEach((value, i) => {
      cells[i + 2].textContent = compact(value);
    });
    this.#refreshAges();
  }

  #refreshAges() {
    const now = Date.now();
    for (const gateway of this.#gateways.values()) {
      const cell = gateway.row.cells[8];
      cell.textContent = ago(gateway.seenAt, now);
      cell.classList.toggle('stale', now - gateway.seenAt > 3 * gateway.last.intervalMs);
    }
  }

  #schedule() {
    if (this.#scheduled || !this.#uPlot) return;
    this.#scheduled = true;
    requestAnimationFrame(() => {
      this.#scheduled = false;
      this.#draw();
    });
  }

  #draw() {
    if (this.#gateways.size === 0) return;
    const ids = [...this.#gateways.keys()].join('\n');
    if (ids !== this.#chartGateways) this.#rebuild();
    for (const [metric, chart] of this.#charts) chart.setData(this.#data(metric));
  }

  /** Aligned columns for uPlot: time, then each gateway's series of `metric`. */
  #data(metric) {
    const tables = [...this.#gateways.values()].map(({ points }) => [
      points.map((p) => p.t),
      ...METRICS[metric].series.map(([field]) => points.map((p) => p[field])),
    ]);
    return this.#uPlot.join(tables);
  }

  #rebuild() {
    if (!this.#uPlot || this.#gateways.size === 0) return;
    for (const chart of this.#charts.values()) chart.destroy();
    this.#charts.clear();
    this.#chartGateways = [...this.#gateways.keys()].join('\n');
    for (const figure of this.#plots.querySelectorAll('figure[data-metric]')) {
      const metric = figure.dataset.metric;
      const target = figure.querySelector('.plot');
      target.replaceChildren();
      this.#charts.set(metric, new this.#uPlot(this.#options(metric, target), this.#data(metric), target));
    }
  }

  #options(metric, target) {
    const css = getComputedStyle(document.documentElement);
    const muted = css.getPropertyValue('--muted').trim() || '#888';
    const grid = css.getPropertyValue('--grid').trim() || 'rgba(128,128,128,.2)';
    const { unit, series } = METRICS[metric];
    const format = (u, value) => (value == null ? '–' : `${compact(value)}${unit}`);
    const lines = [];
    for (const [id, gateway] of this.#gateways) {
      for (const [field, suffix] of series) {
        lines.push({
          label: `${id}${suffix}`,
          stroke: gateway.color,
          width: 1.5,
          dash: field === 'p99' ? [5, 4] : undefined,
          spanGaps: true,
          points: { size: 4 },
          value: format,
        });
      }
    }
    const axis = { stroke: muted, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font: '11px system-ui, sans-serif' };
    return {
      width: Math.max(200, target.clientWidth),
      height: chartHeight(),
      cursor: { sync: { key: 'switchboard-gateways' }, points: { size: 6 } },
      legend: { show: false }, // the table above names the colours and holds the latest values
      scales: {
        x: { time: true, range: (u, min, max) => [Math.min(min ?? max, max - VISIBLE_S), max] },
        y: { range: (u, min, max) => [0, Math.max(max ?? 1, metric === 'connections' ? 1 : 0.1) * 1.15] },
      },
      axes: [
        { ...axis, size: 30, space: 36, values: (u, ticks) => ticks.map(clock) },
        { ...axis, size: 44, values: (u, ticks) => ticks.map((v) => compact(v)) },
      ],
      series: [{ label: 'time', value: (u, v) => (v == null ? '–' : new Date(v * 1000).toLocaleTimeString()) }, ...lines],
    };
  }

  #resize() {
    for (const [metric, chart] of this.#charts) {
      const target = this.#plots.querySelector(`figure[data-metric="${metric}"] .plot`);
      const width = Math.max(200, target.clientWidth);
      if (width !== chart.width) chart.setSize({ width, height: chartHeight() });
    }
  }
}

/** An x tick: `14:05`, or `14:05:30` between whole minutes. */
function clock(seconds) {
  const d = new Date(seconds * 1000);
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return d.getSeconds() === 0 ? hm : `${hm}:${String(d.getSeconds()).padStart(2, '0')}`;
}

const chartHeight = () => (matchMedia('(max-width: 640px)').matches ? 130 : 150);
