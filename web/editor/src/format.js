// Formatting of trace values: JSON pretty-printed where it is JSON, the exact text where
// it is not, syntax colour added as spans of text.
import { h } from './dom.js';

// pretty returns {text, json}: the pretty-printed JSON, or the text unchanged.
export function pretty(text) {
  if (text == null) return { text: '', json: false };
  const trimmed = text.trim();
  if (trimmed === '' || !/^[[{"\-\d tfn]/.test(trimmed)) return { text, json: false };
  try {
    return { text: JSON.stringify(JSON.parse(trimmed), null, 2), json: true };
  } catch {
    return { text, json: false };
  }
}

const TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/g;

// codeBlock shows text in a <pre>; JSON gets coloured tokens.
export function codeBlock(text, { json = false, testid, empty = '(empty)' } = {}) {
  const pre = h('pre', { class: 'code', 'data-testid': testid, tabindex: '0' });
  if (text === '') {
    pre.append(h('span', { class: 'muted', text: empty }));
    return pre;
  }
  if (!json) {
    pre.textContent = text;
    return pre;
  }
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) pre.append(text.slice(last, m.index));
    if (m[1]) {
      pre.append(h('span', { class: m[2] ? 'j-key' : 'j-str', text: m[1] }));
      if (m[2]) pre.append(m[2]);
    } else if (m[3]) pre.append(h('span', { class: 'j-lit', text: m[3] }));
    else pre.append(h('span', { class: 'j-num', text: m[4] }));
    last = m.index + m[0].length;
  }
  if (last < text.length) pre.append(text.slice(last));
  return pre;
}

// valueBlock shows a trace value that may be JSON, with a toggle to the exact bytes.
export function valueBlock(text, testid) {
  const p = pretty(text);
  const wrap = h('div', { class: 'value' });
  const show = (raw) => {
    wrap.replaceChildren(codeBlock(raw ? text : p.text, { json: p.json && !raw, testid }));
    if (p.json && p.text !== text) {
      wrap.append(h('button', {
        type: 'button', class: 'link small', 'aria-pressed': String(raw),
        text: raw ? 'Pretty-print' : 'Show exact bytes',
        onclick: () => show(!raw),
      }));
    }
  };
  show(false);
  return wrap;
}

export function statusClass(code) {
  if (code >= 500) return 's5xx';
  if (code >= 400) return 's4xx';
  if (code >= 300) return 's3xx';
  return 's2xx';
}

// kvTable lists name → value(s) pairs; a list of values shows each value on its own row.
export function kvTable(obj, testid, empty = 'none') {
  const entries = Object.entries(obj || {});
  if (!entries.length) return h('p', { class: 'muted small', 'data-testid': testid, text: empty });
  const rows = [];
  for (const [k, v] of entries) {
    const values = Array.isArray(v) ? v : [v];
    values.forEach((val, i) => rows.push(h('tr', null,
      h('th', { scope: 'row', text: i === 0 ? k : '' }),
      h('td', { text: typeof val === 'string' ? val : JSON.stringify(val) }))));
  }
  return h('table', { class: 'kv', 'data-testid': testid }, h('tbody', null, rows));
}
