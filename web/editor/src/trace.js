// The trace view: every stage of the call, in the order API Gateway runs them.
import { h } from './dom.js';
import { lineDiff } from './diff.js';
import { codeBlock, kvTable, pretty, statusClass, valueBlock } from './format.js';

const TYPE_NAMES = { aws_proxy: 'Lambda proxy', aws: 'Lambda custom', mock: 'Mock' };
export const typeName = (type) => TYPE_NAMES[String(type || 'aws_proxy').toLowerCase()] || type;

function pane(title, testid, ...body) {
  return h('section', { class: 'pane', 'data-testid': testid, 'aria-label': title },
    h('h3', { class: 'pane-title', text: title }), ...body);
}

// step numbers the panes of the flow, so the order API Gateway runs them reads at a glance.
function step(n, el) {
  el.querySelector('.pane-title').prepend(h('span', { class: 'step', text: String(n) }));
  return el;
}

function statusBadge(code, testid) {
  return h('span', { class: `status ${statusClass(code)}`, 'data-testid': testid, text: String(code) });
}

// summary is the one line to read first: what the client got, and whether Lambda ran.
function summary(trace, type) {
  const r = trace.response || {};
  const called = trace.payload != null && String(type).toLowerCase() !== 'mock';
  const diags = (trace.diagnostics || []).length;
  return h('div', { class: 'summary', 'data-testid': 'trace-summary' },
    statusBadge(r.statusCode, 'response-status'),
    h('span', { class: 'summary-text' },
      h('strong', { text: typeName(type) }),
      ' · ',
      called ? 'Lambda was called' : 'Lambda was not called',
      diags ? h('span', { class: 'warn', text: ` · ${diags} diagnostic${diags > 1 ? 's' : ''}` }) : null));
}

function diagnosticsList(diagnostics, onReveal) {
  if (!diagnostics || !diagnostics.length) return null;
  return h('ul', { class: 'diagnostics', 'data-testid': 'diagnostics', 'aria-label': 'Diagnostics' },
    diagnostics.map((d) => h('li', null,
      h('button', { type: 'button', class: 'diag', onclick: () => onReveal && onReveal(d) },
        h('span', { class: 'diag-stage', text: d.stage }),
        d.line ? h('span', { class: 'diag-pos', text: `line ${d.line}${d.column ? `, col ${d.column}` : ''}` }) : null,
        h('span', { class: 'diag-msg', text: d.message })))));
}

function methodRequest(mr) {
  if (!mr) return null;
  const rows = [];
  const add = (kind, obj) => {
    for (const [k, v] of Object.entries(obj || {})) {
      for (const val of Array.isArray(v) ? v : [v]) rows.push(h('tr', null, h('td', { class: 'kind', text: kind }), h('th', { scope: 'row', text: k }), h('td', { text: String(val) })));
    }
  };
  add('path', mr.pathParameters);
  add('query', mr.queryString);
  add('header', mr.headers);
  return pane('Method request', 'trace-method-request',
    h('p', { class: 'reqline' },
      h('span', { class: 'method', text: mr.method || '' }),
      h('code', { text: mr.path || '' }),
      mr.resource ? h('span', { class: 'muted small', text: `resource ${mr.resource}` }) : null,
      mr.stage ? h('span', { class: 'muted small', text: `· stage ${mr.stage}` }) : null),
    rows.length ? h('table', { class: 'kv kv3', 'data-testid': 'mr-params' }, h('tbody', null, rows)) : h('p', { class: 'muted small', text: 'No parameters or headers.' }),
    mr.body == null ? null : [h('h4', { text: mr.isBase64Encoded ? 'Body (base64)' : 'Body' }), valueBlock(mr.body, 'mr-body')]);
}

// headerNotes explains what a proxy event did to repeated headers and query parameters.
function proxyNotes(scenario, event) {
  const notes = [];
  const headers = (scenario.request && scenario.request.headers) || {};
  for (const [name, v] of Object.entries(headers)) {
    if (Array.isArray(v) && v.length > 1) {
      notes.push(`Header ${name} was sent ${v.length} times: "headers" keeps ${JSON.stringify(v[v.length - 1])}, "multiValueHeaders" keeps all of them.`);
    }
  }
  const mq = event.multiValueQueryStringParameters || {};
  for (const [name, v] of Object.entries(mq)) {
    if (Array.isArray(v) && v.length > 1) {
      notes.push(`Query parameter ${name} appears ${v.length} times: "queryStringParameters" keeps ${JSON.stringify(v[v.length - 1])}.`);
    }
  }
  const sentNames = new Set(Object.keys(headers).map((n) => n.toLowerCase()));
  const added = Object.keys(event.headers || {}).filter((n) => !sentNames.has(n.toLowerCase()));
  if (added.length) {
    notes.push(`API Gateway added ${added.length} header${added.length > 1 ? 's' : ''} the client did not send: ${added.join(', ')}.`);
  }
  const sent = scenario.request ? scenario.request.body : null;
  if (sent != null && event.body != null && event.body !== sent) {
    notes.push(event.isBase64Encoded ? 'The body arrives base64-encoded (a binary media type).' : 'The body arrives changed.');
  } else if (sent != null) {
    notes.push('The body arrives unchanged, as one string field "body" of the event.');
  }
  notes.push('The whole request became one JSON event: the function parses it and must answer {statusCode, headers, body}.');
  return notes;
}

// changes shows what the client sent against what Lambda got.
function changes(scenario, trace, type) {
  if (trace.payload == null) return null;
  const sent = scenario.request && scenario.request.body != null ? scenario.request.body : '';
  const proxy = String(type).toLowerCase() === 'aws_proxy';
  if (proxy) {
    let event;
    try {
      event = JSON.parse(trace.payload);
    } catch {
      return null;
    }
    return h('div', { class: 'changes', 'data-testid': 'payload-changes' },
      h('h4', { text: 'Client sent → Lambda got' }),
      h('ul', { class: 'notes' }, proxyNotes(scenario, event).map((n) => h('li', { text: n }))));
  }
  if (sent === '') {
    return h('div', { class: 'changes', 'data-testid': 'payload-changes' },
      h('h4', { text: 'Client body → Lambda payload' }),
      h('p', { class: 'small', text: 'The client sent no body: everything in the payload comes from the request template.' }));
  }
  return diffBlock('Client body → Lambda payload', sent, trace.payload, 'payload-changes');
}

// diffBlock shows line by line how text b differs from text a, both pretty-printed.
function diffBlock(title, a, b, testid) {
  a = pretty(a).text;
  b = pretty(b).text;
  const head = h('h4', { text: title });
  if (a === b) {
    return h('div', { class: 'changes', 'data-testid': testid }, head, h('p', { class: 'small', text: 'Unchanged.' }));
  }
  const diff = lineDiff(a, b);
  if (!diff) return null;
  return h('div', { class: 'changes', 'data-testid': testid }, head,
    h('pre', { class: 'code diff', 'aria-label': 'Line differences' },
      diff.map((d) => h('span', { class: d.op === '+' ? 'add' : d.op === '-' ? 'del' : 'same', text: `${d.op} ${d.text}\n` }))));
}

function integrationResponse(trace, type) {
  const ir = trace.integrationResponse;
  const t = String(type).toLowerCase();
  let body;
  if (t === 'aws_proxy') {
    body = h('p', { class: 'small', text: 'None: a proxy integration has no integration responses. The function\'s own statusCode, headers and body are the response.' });
  } else if (!ir) {
    body = h('p', { class: 'small muted', text: 'No integration response was selected.' });
  } else {
    body = [
      h('p', { class: 'reqline' },
        h('span', { class: 'muted', text: 'pattern ' }),
        h('code', { 'data-testid': 'selected-pattern', text: ir.selectionPattern || 'default' }),
        h('span', { class: 'muted', text: '  →  status ' }),
        h('code', { text: ir.statusCode })),
      ir.reason ? h('p', { class: 'small', text: ir.reason }) : null,
    ];
  }
  return pane('Integration response', 'trace-integration-response', body);
}

function clientResponse(r, lambdaResult) {
  r = r || {};
  const headers = r.multiValueHeaders && Object.keys(r.multiValueHeaders).length ? r.multiValueHeaders : r.headers;
  return pane('Client response', 'trace-response',
    h('p', { class: 'reqline' }, statusBadge(r.statusCode, 'client-status'), r.isBase64Encoded ? h('span', { class: 'muted', text: ' body is base64' }) : null),
    h('h4', { text: 'Headers' }), kvTable(headers, 'response-headers'),
    h('h4', { text: 'Body' }), valueBlock(r.body || '', 'response-body'),
    lambdaResult != null && !r.isBase64Encoded ? diffBlock('Lambda result → client body', lambdaResult, r.body || '', 'response-changes') : null);
}

function logPane(log) {
  return pane('Execution log', 'trace-log',
    h('p', { class: 'small muted', text: 'As the console\'s Test button shows it, without timestamps.' }),
    codeBlock((log || []).join('\n'), { testid: 'log', empty: '(no log)' }));
}

// renderTrace draws one trace. scenario is what was sent; onReveal jumps to a diagnostic.
export function renderTrace(trace, scenario, onReveal) {
  const type = (scenario.integration && scenario.integration.type) || 'aws_proxy';
  return h('div', { class: 'trace' },
    summary(trace, type),
    diagnosticsList(trace.diagnostics, onReveal),
    h('div', { class: 'flow' },
      step(1, methodRequest(trace.methodRequest)),
      step(2, pane(String(type).toLowerCase() === 'mock' ? 'Integration request' : 'Lambda payload', 'trace-payload',
        trace.payload == null
          ? h('p', { class: 'muted small', 'data-testid': 'payload', text: 'API Gateway did not call the function.' })
          : valueBlock(trace.payload, 'payload'),
        changes(scenario, trace, type))),
      step(3, pane('Lambda result', 'trace-lambda-result',
        trace.lambdaResult == null
          ? h('p', { class: 'muted small', text: 'No result: the function did not run.' })
          : valueBlock(trace.lambdaResult, 'lambda-result-bytes'))),
      step(4, integrationResponse(trace, type)),
      step(5, clientResponse(trace.response, String(type).toLowerCase() === 'aws' ? trace.lambdaResult : null)),
      logPane(trace.log)));
}

// renderCompare draws the same request through both integrations, side by side, stage by
// stage: what the client gets first, then why.
export function renderCompare(results, scenarios) {
  const keys = ['proxy', 'custom'];
  const cell = (key, draw) => {
    const res = results[key];
    if (res.error) return h('p', { class: 'error small', text: res.error });
    return draw(res.trace, scenarios[key].integration.type);
  };
  const rows = [
    ['Client response', (t) => clientResponse(t.response)],
    ['Integration response', (t, type) => integrationResponse(t, type)],
    ['Lambda payload', (t) => pane('Lambda payload', '', t.payload == null ? h('p', { class: 'muted small', text: 'not called' }) : valueBlock(t.payload))],
  ];
  return h('div', { class: 'compare', 'data-testid': 'compare' },
    h('p', { class: 'compare-intro' },
      'The same request and the same function, behind both integrations. ',
      h('span', { class: 'muted', text: 'The custom side uses this scenario\'s templates and integration responses.' })),
    h('div', { class: 'compare-grid' },
      keys.map((key) => h('h3', { class: 'compare-title', 'data-testid': `compare-${key}` },
        typeName(scenarios[key].integration.type), ' ',
        results[key].error ? null : statusBadge(results[key].trace.response.statusCode, `compare-${key}-status`))),
      rows.map(([, draw]) => keys.map((key) => h('div', { class: 'compare-cell' }, cell(key, draw))))));
}
