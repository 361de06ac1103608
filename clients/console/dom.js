// DOM helpers of the console. Text goes in through textContent only: nothing the gateway sends, and nothing a user
// types, ever reaches innerHTML.

/**
 * Creates an element. `props`: `class`, `text` (textContent), `dataset`, `attrs` (setAttribute), and any other
 * property assigned as is (`type`, `title`, `hidden`, `onclick`...). Children: nodes or strings (as text).
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = String(value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) node.setAttribute(name, String(v));
    else node[key] = value;
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

export const byId = (id) => document.getElementById(id);

const pad = (n, width = 2) => String(n).padStart(width, '0');

/** Local wall-clock time with milliseconds: `14:03:07.412`. */
export function clockTime(ms) {
  const d = new Date(ms);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** `3 s ago`, `4 min ago`: for "last seen" cells. */
export function ago(ms, now = Date.now()) {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  return `${Math.floor(s / 3600)} h ago`;
}

/** A compact number: 12, 3.4, 1.2k, 5.6M. */
export function compact(value) {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  const abs = Math.abs(value);
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1)}M`;
  if (abs >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (abs >= 100 || Number.isInteger(value)) return String(Math.round(value));
  return value.toFixed(abs >= 10 ? 1 : 2);
}

/** What a message's data looks like on one line; binary payloads as their size and type. */
export function preview(data, max = 240) {
  let text;
  if (data instanceof Uint8Array) text = `‹${data.byteLength} bytes›`;
  else {
    try {
      text = JSON.stringify(data);
    } catch {
      text = String(data);
    }
    if (text === undefined) text = String(data);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The full text of a message's data: indented JSON, or a hex dump head for binary payloads. */
export function fullText(data) {
  if (data instanceof Uint8Array) {
    const head = Array.from(data.subarray(0, 256), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `${data.byteLength} bytes${data.byteLength > 256 ? ' (first 256 shown)' : ''}\n${head}`;
  }
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch {
    return String(data);
  }
}
