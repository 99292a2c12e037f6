// The playground widget: editors for one scenario on the left, its live trace on the
// right. It mounts on any element carrying a scenario in data-playground, so the home page
// and every lesson share it.
import { debounce, h, nextID, replace } from './dom.js';
import { client, readScenarioFile } from './client.js';
import { renderCompare, renderTrace } from './trace.js';
import { encodeScenario } from './share.js';
import { Model, formatHeaders, formatPairs, parseHeaders, parseLines, parsePairs } from './model.js';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const PASSTHROUGH = [
  ['when_no_match', 'WHEN_NO_MATCH: pass the body through when no template matches'],
  ['when_no_templates', 'WHEN_NO_TEMPLATES: pass through only when there are no templates'],
  ['never', 'NEVER: refuse with 415 when no template matches'],
];
const TYPES = [['aws_proxy', 'Lambda proxy'], ['aws', 'Lambda custom'], ['mock', 'Mock']];
const TABS = [['request', 'Request'], ['api', 'API'], ['integration', 'Integration'], ['lambda', 'Lambda']];
const DEBOUNCE_MS = 180;
// SCENARIO_FILES are the files "Open file…" offers: scenarios in JSON or YAML, as the CLI
// reads them. Browsers know YAML's media type under several names.
const SCENARIO_FILES = '.json,.yaml,.yml,application/json,application/yaml,application/x-yaml,text/yaml,text/x-yaml';
const HANDLER_HINT = 'A Go function run in-process with aws-lambda-go: "echo" returns the payload it got; "proxy-echo" answers {statusCode: 200, body: <the event>}, the quickest way to see what Lambda receives.';

// CodeMirror is most of the bundle's weight. It loads in its own chunk, started at once,
// so the first trace is on screen before the editors are.
let codeEditor = null;
const codeReady = import('./code.js').then((m) => { codeEditor = m.codeEditor; });

let firstTraceMarked = false;
function markFirstTrace() {
  if (firstTraceMarked) return;
  firstTraceMarked = true;
  performance.mark('playground:first-trace');
}

// presetGroups puts the presets under their integration ("Proxy: Hello World" goes under
// Proxy), keeping their order.
function presetGroups(presets) {
  const groups = new Map();
  for (const p of presets) {
    const m = /^([^:]+):\s*(.*)$/.exec(p.title);
    const group = m ? m[1] : 'More';
    if (!groups.has(group)) groups.set(group, h('optgroup', { label: group }));
    const title = m ? m[2].charAt(0).toUpperCase() + m[2].slice(1) : p.title;
    groups.get(group).append(h('option', { value: p.slug, text: title }));
  }
  return [...groups.values()];
}

// field wraps a control with its label.
function field(label, control, hint) {
  const id = control.id || (control.id = nextID('f'));
  return h('div', { class: 'field' },
    h('label', { for: id, text: label }),
    control,
    hint ? h('p', { class: 'hint', text: hint }) : null);
}

function mediaType(headers) {
  for (const [name, v] of Object.entries(headers || {})) {
    if (name.toLowerCase() === 'content-type') {
      const value = Array.isArray(v) ? v[v.length - 1] : v;
      return String(value).split(';')[0].trim().toLowerCase();
    }
  }
  return '';
}

export class Playground {
  constructor(root, scenario, trace, options = {}) {
    this.root = root;
    this.options = options;
    this.seq = 0;
    this.compare = false;
    this.schedule = debounce(() => this.run(), DEBOUNCE_MS);
    this.editors = [];
    root.classList.add('pg');
    root.addEventListener('keydown', (e) => this.onKey(e));
    this.build();
    this.load(scenario, '', trace);
  }

  // ---- structure -------------------------------------------------------------------

  build() {
    const o = this.options;
    this.summaryEl = h('p', { class: 'pg-summary', 'data-testid': 'preset-summary' });
    const tools = [];
    if (o.presets && o.presets.length) {
      this.presetSelect = h('select', { 'data-testid': 'preset', 'aria-label': 'Preset', onchange: () => this.choosePreset(this.presetSelect.value) },
        h('option', { value: '', text: 'Presets…' }),
        presetGroups(o.presets));
      tools.push(this.presetSelect);
    }
    this.compareBtn = h('button', { type: 'button', class: 'btn', 'aria-pressed': 'false', 'data-testid': 'compare-toggle', title: 'Run the same request through proxy and custom (C)', onclick: () => this.toggleCompare() }, 'Compare proxy ⇄ custom');
    tools.push(h('span', { class: 'spacer' }), this.compareBtn);
    if (o.share) {
      this.shareOut = h('input', { class: 'share-url', readonly: true, 'data-testid': 'share-url', 'aria-label': 'Share link', hidden: true });
      tools.push(h('button', { type: 'button', class: 'btn', 'data-testid': 'share', onclick: () => this.share() }, 'Share link'));
    }
    if (o.files) {
      const file = h('input', { type: 'file', accept: SCENARIO_FILES, hidden: true, 'data-testid': 'upload-input', onchange: () => this.upload(file) });
      tools.push(
        h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'download', onclick: () => this.download() }, 'Download'),
        h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'upload', onclick: () => file.click() }, 'Open file…'),
        file);
    }
    if (o.reset) {
      tools.push(
        h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'reset', onclick: () => this.load(o.reset) }, 'Reset'),
        h('button', { type: 'button', class: 'btn ghost', 'data-testid': 'open-full', title: 'Open this scenario in the full playground, in a new tab', onclick: () => this.openFull() }, 'Open in playground ↗'));
    }
    this.statusEl = h('span', { class: 'pg-status small', role: 'status', 'aria-live': 'polite' });
    // fileError says why a file could not be opened; the scenario on screen stays as it was.
    this.fileError = h('div', { class: 'error-box', role: 'alert', 'data-testid': 'upload-error', hidden: true });

    const typeGroup = `type-${nextID('t')}`;
    this.typeInputs = TYPES.map(([value, label]) => h('label', { class: 'seg' },
      h('input', { type: 'radio', name: typeGroup, value, 'data-testid': `integration-${value}`, onchange: () => this.setType(value) }),
      h('span', { text: label })));
    const typeSwitch = h('fieldset', { class: 'type-switch', 'data-testid': 'integration-type' },
      h('legend', { text: 'Integration' }), this.typeInputs);

    this.tabButtons = {};
    this.panels = {};
    const tablist = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Scenario' });
    for (const [key, label] of TABS) {
      const id = nextID('tab');
      const panel = h('div', { class: 'panel', role: 'tabpanel', id: `${id}-panel`, 'aria-labelledby': id, hidden: true, 'data-testid': `panel-${key}` });
      const btn = h('button', { type: 'button', role: 'tab', id, class: 'tab', 'aria-controls': panel.id, 'aria-selected': 'false', tabindex: '-1', 'data-testid': `tab-${key}`, onclick: () => this.showTab(key), onkeydown: (e) => this.tabKey(e, key) }, label);
      this.tabButtons[key] = btn;
      this.panels[key] = panel;
      tablist.append(btn);
    }
    this.traceEl = h('div', { class: 'pg-trace', 'data-testid': 'trace', 'aria-live': 'polite', 'aria-busy': 'true' },
      h('p', { class: 'muted', text: 'Simulating…' }));

    replace(this.root,
      h('div', { class: 'pg-toolbar' }, tools, this.statusEl),
      this.shareOut || null,
      this.fileError,
      this.summaryEl,
      h('div', { class: 'pg-body' },
        h('div', { class: 'pg-editors' }, typeSwitch, tablist, Object.values(this.panels),
          h('p', { class: 'keys' }, h('kbd', { text: 'Ctrl' }), '+', h('kbd', { text: 'Enter' }), ' runs now · ',
            h('kbd', { text: 'Alt' }), '+', h('kbd', { text: '1' }), '–', h('kbd', { text: '4' }), ' switch tabs · ',
            h('kbd', { text: 'Tab' }), ' leaves an editor')),
        this.traceEl));
  }

  // load replaces the whole scenario and redraws the editors. A trace already known for
  // it (the server renders one into the page) is drawn at once instead of asked for.
  load(scenario, summary = '', trace = null) {
    for (const ed of this.editors) ed.destroy();
    this.editors = [];
    this.model = new Model(scenario);
    this.lastTrace = null;
    this.fileError.hidden = true;
    this.summaryEl.textContent = summary;
    this.summaryEl.hidden = !summary;
    for (const input of this.typeInputs) {
      const radio = input.querySelector('input');
      radio.checked = radio.value === this.model.type;
    }
    // Panels are drawn when first shown: editors in hidden tabs cost load time for nothing.
    this.stale = new Set(TABS.map(([k]) => k));
    const tab = this.currentTab || this.options.tab || (this.model.type === 'aws_proxy' ? 'lambda' : 'integration');
    this.showTab(tab, false);
    if (trace) {
      this.seq++;
      this.draw(trace, this.scenario());
    } else {
      this.schedule.now();
    }
  }

  // redraw marks panels as out of date and draws the visible one again.
  redraw(...keys) {
    for (const k of keys) this.stale.add(k);
    this.drawPanel(this.currentTab);
  }

  drawPanel(key) {
    if (!this.stale.has(key)) return;
    if (!codeEditor) {
      codeReady.then(() => { if (this.currentTab === key) this.drawPanel(key); });
      return;
    }
    this.stale.delete(key);
    const render = { request: this.renderRequest, api: this.renderAPI, integration: this.renderIntegration, lambda: this.renderLambda }[key];
    this.editors = this.editors.filter((ed) => ed.panel !== key || (ed.destroy(), false));
    this.drawing = key;
    render.call(this);
    this.drawing = null;
    this.applyDiagnostics(this.lastTrace);
  }

  editor(parent, opts) {
    const ed = codeEditor(parent, opts);
    ed.panel = this.drawing;
    this.editors.push(ed);
    return ed;
  }

  changed() {
    this.schedule();
  }

  showTab(key, focus = true) {
    this.currentTab = key;
    this.drawPanel(key);
    for (const [k, btn] of Object.entries(this.tabButtons)) {
      const on = k === key;
      btn.setAttribute('aria-selected', String(on));
      btn.tabIndex = on ? 0 : -1;
      this.panels[k].hidden = !on;
    }
    if (focus) this.tabButtons[key].focus();
  }

  tabKey(e, key) {
    const keys = TABS.map(([k]) => k);
    let i = keys.indexOf(key);
    if (e.key === 'ArrowRight') i = (i + 1) % keys.length;
    else if (e.key === 'ArrowLeft') i = (i + keys.length - 1) % keys.length;
    else if (e.key === 'Home') i = 0;
    else if (e.key === 'End') i = keys.length - 1;
    else return;
    e.preventDefault();
    this.showTab(keys[i]);
  }

  onKey(e) {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      this.schedule.now();
    } else if (e.altKey && /^[1-4]$/.test(e.key)) {
      e.preventDefault();
      this.showTab(TABS[Number(e.key) - 1][0]);
    }
  }

  // ---- editors ---------------------------------------------------------------------

  renderRequest() {
    const req = this.model.sc.request;
    const method = h('select', { 'data-testid': 'request-method', onchange: () => { req.method = method.value; this.changed(); } },
      [...new Set([...METHODS, req.method || 'GET'])].map((m) => h('option', { value: m, text: m })));
    method.value = req.method || 'GET';
    const path = h('input', { type: 'text', value: req.path || '/', spellcheck: 'false', 'data-testid': 'request-path', oninput: () => { req.path = path.value; this.changed(); } });
    const headers = h('textarea', { rows: '4', spellcheck: 'false', 'data-testid': 'request-headers', placeholder: 'Content-Type: application/json\nX-Trace: one\nX-Trace: two', oninput: () => { req.headers = parseHeaders(headers.value); this.changed(); } });
    headers.value = formatHeaders(req.headers);
    const bodyBox = h('div', { class: 'code-box' });
    const noBody = h('input', { type: 'checkbox', checked: req.body == null, 'data-testid': 'request-no-body', onchange: () => { req.body = noBody.checked ? null : body.get(); bodyBox.classList.toggle('disabled', noBody.checked); this.changed(); } });
    const b64 = h('input', { type: 'checkbox', checked: !!req.isBase64Encoded, onchange: () => { req.isBase64Encoded = b64.checked; this.changed(); } });
    const body = this.editor(bodyBox, {
      lang: 'json', doc: req.body == null ? '' : req.body, label: 'Request body', testid: 'request-body',
      onChange: (text) => { if (!noBody.checked) { req.body = text; this.changed(); } },
    });
    bodyBox.classList.toggle('disabled', req.body == null);
    replace(this.panels.request,
      h('div', { class: 'row' }, h('div', { class: 'field narrow' }, h('label', { for: method.id = nextID('f'), text: 'Method' }), method),
        field('Path and query', path)),
      field('Headers', headers, 'One "Name: value" a line; repeat a name to send it twice.'),
      h('div', { class: 'field' },
        h('div', { class: 'label-row' }, h('span', { class: 'label', text: 'Body' }),
          h('label', { class: 'check' }, noBody, ' no body'),
          h('label', { class: 'check' }, b64, ' base64-encoded')),
        bodyBox));
  }

  renderAPI() {
    const api = this.model.sc.api;
    const resource = h('input', { type: 'text', value: api.resource || '', placeholder: '/{proxy+}', spellcheck: 'false', 'data-testid': 'api-resource', oninput: () => { api.resource = resource.value; this.changed(); } });
    const stage = h('input', { type: 'text', value: api.stage || '', placeholder: 'dev', spellcheck: 'false', 'data-testid': 'api-stage', oninput: () => { api.stage = stage.value; this.changed(); } });
    const vars = h('textarea', { rows: '3', spellcheck: 'false', placeholder: 'alias = live', oninput: () => { api.stageVariables = parsePairs(vars.value); this.changed(); } });
    vars.value = formatPairs(api.stageVariables);
    const binary = h('textarea', { rows: '2', spellcheck: 'false', placeholder: 'image/png', oninput: () => { api.binaryMediaTypes = parseLines(binary.value); this.changed(); } });
    binary.value = (api.binaryMediaTypes || []).join('\n');
    replace(this.panels.api,
      h('div', { class: 'row' }, field('Resource path', resource, 'Path parameters in braces; {proxy+} is greedy.'), h('div', { class: 'narrow-wrap' }, field('Stage', stage))),
      field('Stage variables', vars, 'One "name = value" a line.'),
      field('Binary media types', binary, 'One media type a line, e.g. image/png or */*.'));
  }

  setType(type) {
    this.model.sc.integration.type = type;
    this.redraw('integration', 'lambda');
    this.changed();
  }

  renderIntegration() {
    const m = this.model;
    const integ = m.sc.integration;
    if (m.type === 'aws_proxy') {
      replace(this.panels.integration,
        h('div', { class: 'note', 'data-testid': 'proxy-note' },
          h('p', null, h('strong', { text: 'Lambda proxy integration. ' }),
            'API Gateway passes the request to the function as one JSON event, and passes the function\'s {statusCode, headers, body} back to the client as it is.'),
          h('p', { class: 'small', text: 'There is nothing to map: request templates and integration responses do not apply. Switch to Lambda custom to transform the request and the response.' }),
          m.templates.length || m.responses.length
            ? h('p', { class: 'small muted', text: `This scenario keeps ${m.templates.length} request template(s) and ${m.responses.length} integration response(s) for the custom integration.` })
            : null));
      return;
    }
    const passthrough = h('select', { 'data-testid': 'passthrough', onchange: () => { integ.passthroughBehavior = passthrough.value; this.changed(); } },
      PASSTHROUGH.map(([v, label]) => h('option', { value: v, text: label })));
    passthrough.value = String(integ.passthroughBehavior || 'when_no_match').toLowerCase();

    const templates = h('div', { class: 'list' });
    const drawTemplates = () => replace(templates, m.templates.map((t, i) => this.templateItem(m.templates, t, i, 'request-template', drawTemplates)));
    drawTemplates();

    const responses = h('div', { class: 'list' });
    const drawResponses = () => {
      replace(responses, m.responses.length
        ? m.responses.map((r, i) => this.responseItem(r, i, drawResponses))
        : h('p', { class: 'small muted', text: 'None set: API Gateway uses one default integration response with status 200, as the console sets up.' }));
    };
    drawResponses();

    replace(this.panels.integration,
      m.type === 'mock' ? h('p', { class: 'note small', text: 'Mock integration: no function is called. The request template\'s {"statusCode": …} picks the integration response.' }) : null,
      field('Passthrough behavior', passthrough),
      h('div', { class: 'section-head' }, h('h3', { text: 'Request templates' }),
        h('button', { type: 'button', class: 'btn small', 'data-testid': 'add-request-template', onclick: () => { m.templates.push({ type: this.unusedType(m.templates), text: '' }); drawTemplates(); this.changed(); } }, '+ Content type')),
      templates,
      h('div', { class: 'section-head' }, h('h3', { text: 'Integration responses' }),
        h('button', { type: 'button', class: 'btn small', 'data-testid': 'add-response', onclick: () => { m.responses.push({ pattern: m.responses.length ? '' : 'default', statusCode: m.responses.length ? '500' : '200', params: {}, templates: [], rest: {} }); drawResponses(); this.changed(); } }, '+ Response')),
      responses);
  }

  unusedType(list) {
    for (const t of ['application/json', 'application/xml', 'text/plain', 'application/x-www-form-urlencoded']) {
      if (!list.some((x) => x.type === t)) return t;
    }
    return 'application/json';
  }

  // templateItem is one content type and its VTL template.
  templateItem(list, t, i, testid, redraw) {
    const type = h('input', { type: 'text', value: t.type, spellcheck: 'false', 'aria-label': 'Content type', 'data-testid': `${testid}-type-${i}`, oninput: () => { t.type = type.value.trim(); this.changed(); } });
    const box = h('div', { class: 'code-box', 'data-testid': `${testid}-${i}` });
    t.editor = this.editor(box, {
      lang: 'vtl', doc: t.text, label: `Template for ${t.type}`, testid: `${testid}-editor-${i}`,
      placeholder: '$input.json(\'$\')',
      onChange: (text) => { t.text = text; this.changed(); },
    });
    return h('div', { class: 'item' },
      h('div', { class: 'item-head' }, h('span', { class: 'label', text: 'Content-Type' }), type,
        h('button', { type: 'button', class: 'btn ghost small', 'aria-label': `Remove template ${t.type}`, onclick: () => { list.splice(i, 1); redraw(); this.changed(); } }, 'Remove')),
      box);
  }

  responseItem(r, i, redraw) {
    const pattern = h('input', { type: 'text', value: r.pattern === 'default' ? '' : r.pattern, placeholder: 'default', spellcheck: 'false', 'data-testid': `response-pattern-${i}`, oninput: () => { r.pattern = pattern.value || 'default'; this.changed(); } });
    const status = h('input', { type: 'text', value: r.statusCode, inputmode: 'numeric', size: '4', 'data-testid': `response-status-${i}`, oninput: () => { r.statusCode = status.value.trim(); this.changed(); } });
    const params = h('textarea', { rows: '2', spellcheck: 'false', placeholder: "method.response.header.Name = 'value'", oninput: () => { r.params = parsePairs(params.value); this.changed(); } });
    params.value = formatPairs(r.params);
    const templates = h('div', { class: 'list' });
    const draw = () => replace(templates, r.templates.map((t, j) => this.templateItem(r.templates, t, j, `response-${i}-template`, draw)));
    draw();
    return h('div', { class: 'card', 'data-testid': `response-${i}` },
      h('div', { class: 'row' },
        field('Selection pattern (Lambda error regex)', pattern),
        h('div', { class: 'narrow-wrap' }, field('Status', status)),
        h('button', { type: 'button', class: 'btn ghost small', 'aria-label': 'Remove integration response', onclick: () => { this.model.responses.splice(i, 1); redraw(); this.changed(); } }, 'Remove')),
      field('Header mappings', params, 'One "method.response.header.Name = source" a line; a literal is in single quotes.'),
      h('div', { class: 'section-head' }, h('h4', { text: 'Response templates' }),
        h('button', { type: 'button', class: 'btn small', onclick: () => { r.templates.push({ type: this.unusedType(r.templates), text: '' }); draw(); this.changed(); } }, '+ Content type')),
      templates);
  }

  renderLambda() {
    const m = this.model;
    if (m.type === 'mock') {
      replace(this.panels.lambda, h('p', { class: 'note', text: 'A mock integration never calls a function.' }));
      return;
    }
    const group = `lambda-${nextID('l')}`;
    const modes = [['result', 'returns a result'], ['error', 'fails with an error'], ['raw', 'returns raw bytes'], ['handler', 'runs a built-in handler']].map(([v, label]) =>
      h('label', { class: 'seg' }, h('input', { type: 'radio', name: group, value: v, checked: m.lambdaMode === v, 'data-testid': `lambda-mode-${v}`, onchange: () => { m.lambdaMode = v; this.redraw('lambda'); this.changed(); } }), h('span', { text: label })));
    const problem = h('p', { class: 'error small', 'data-testid': 'lambda-problem', role: 'alert', hidden: true });
    const showProblem = () => {
      const p = m.lambdaProblem();
      problem.textContent = p;
      problem.hidden = !p;
    };
    let body;
    if (m.lambdaMode === 'result') {
      const box = h('div', { class: 'code-box' });
      this.editor(box, { lang: 'json', doc: m.lambdaResultText, label: 'Lambda result (JSON)', testid: 'lambda-result', onChange: (text) => { m.lambdaResultText = text; showProblem(); this.changed(); } });
      const hint = m.type === 'aws_proxy'
        ? 'Behind a proxy integration the function must return {"statusCode", "headers", "body"} with body a string.'
        : 'Behind a custom integration any JSON value will do; integration responses shape what the client sees.';
      body = [h('p', { class: 'hint', text: hint }), box, problem];
    } else if (m.lambdaMode === 'error') {
      const e = m.lambdaError;
      const msg = h('input', { type: 'text', value: e.errorMessage, spellcheck: 'false', 'data-testid': 'lambda-error-message', oninput: () => { e.errorMessage = msg.value; this.changed(); } });
      const typ = h('input', { type: 'text', value: e.errorType || '', spellcheck: 'false', placeholder: 'Error', oninput: () => { e.errorType = typ.value; this.changed(); } });
      body = [field('errorMessage', msg, 'Custom integrations match it against the selection patterns.'), field('errorType', typ)];
    } else if (m.lambdaMode === 'handler') {
      const names = [...new Set([...(this.options.handlers || []), m.lambdaHandler])];
      const select = h('select', { 'data-testid': 'lambda-handler', onchange: () => { m.lambdaHandler = select.value; this.changed(); } },
        names.map((n) => h('option', { value: n, text: n })));
      select.value = m.lambdaHandler;
      body = [field('Handler', select, HANDLER_HINT)];
    } else {
      const box = h('div', { class: 'code-box' });
      this.editor(box, { lang: 'text', doc: m.lambdaRaw, label: 'Raw bytes returned', testid: 'lambda-raw', onChange: (text) => { m.lambdaRaw = text; this.changed(); } });
      body = [h('p', { class: 'hint', text: 'The exact bytes the function returns, even when they are not JSON.' }), box];
    }
    replace(this.panels.lambda, h('fieldset', { class: 'type-switch small' }, h('legend', { text: 'The function' }), modes), body);
    showProblem();
  }

  // ---- running ---------------------------------------------------------------------

  scenario() {
    return this.model.scenario();
  }

  async run() {
    const seq = ++this.seq;
    const problem = this.model.lambdaProblem();
    if (problem) {
      replace(this.traceEl, h('p', { class: 'error', 'data-testid': 'trace-error', text: problem }));
      return;
    }
    const sc = this.scenario();
    this.traceEl.setAttribute('aria-busy', 'true');
    const started = performance.now();
    if (this.compare) {
      const variants = { proxy: this.variant(sc, 'aws_proxy'), custom: this.variant(sc, 'aws') };
      const [proxy, custom] = await Promise.all([client().simulate(variants.proxy), client().simulate(variants.custom)]);
      if (seq !== this.seq) return; // overtaken by a newer edit
      replace(this.traceEl, renderCompare({ proxy, custom }, variants));
      this.applyDiagnostics(null);
      this.drawn();
    } else {
      const res = await client().simulate(sc);
      if (seq !== this.seq) return;
      this.draw(res.trace, sc, res.error);
    }
    this.statusEl.textContent = `${Math.round(performance.now() - started)} ms`;
  }

  // draw shows one trace, or why there is none.
  draw(trace, sc, error) {
    if (error) {
      replace(this.traceEl, h('div', { class: 'error-box', 'data-testid': 'trace-error', role: 'alert' },
        h('strong', { text: 'The scenario cannot be simulated. ' }), error));
      this.applyDiagnostics(null);
    } else {
      replace(this.traceEl, renderTrace(trace, sc, (d) => this.reveal(d)));
      this.applyDiagnostics(trace);
    }
    this.drawn(error ? null : trace, sc);
  }

  // drawn tells the page a trace is on screen; lessons check exercises on this event.
  drawn(trace = null, scenario = null) {
    this.traceEl.setAttribute('aria-busy', 'false');
    markFirstTrace();
    this.root.dispatchEvent(new CustomEvent('playground:trace', { bubbles: true, detail: { trace, scenario, playground: this } }));
  }

  variant(sc, type) {
    const v = structuredClone(sc);
    v.integration.type = type;
    if (!v.lambda) v.lambda = { result: { statusCode: 200, body: '' } };
    return v;
  }

  toggleCompare() {
    this.compare = !this.compare;
    this.compareBtn.setAttribute('aria-pressed', String(this.compare));
    this.schedule.now();
  }

  // ---- diagnostics -----------------------------------------------------------------

  // templateFor finds the template a diagnostic's stage points into: the request template
  // for the request's content type, or the response template of the selected response.
  templateFor(d, trace) {
    const m = this.model;
    const pick = (list, want) => list.find((t) => t.type.toLowerCase() === want) || list.find((t) => t.type.toLowerCase() === 'application/json') || list[0];
    if (d.stage === 'requestTemplate') {
      return pick(m.templates, mediaType(m.sc.request.headers) || 'application/json') || null;
    }
    if (d.stage === 'responseTemplate') {
      const sel = trace && trace.integrationResponse ? trace.integrationResponse.selectionPattern || 'default' : 'default';
      const r = m.responses.find((x) => (x.pattern || 'default') === sel) || m.responses.find((x) => x.pattern === 'default');
      return (r && pick(r.templates, 'application/json')) || null;
    }
    return null;
  }

  applyDiagnostics(trace) {
    this.lastTrace = trace;
    const byEditor = new Map(this.editors.map((ed) => [ed, []]));
    for (const d of (trace && trace.diagnostics) || []) {
      const t = this.templateFor(d, trace);
      const list = t && d.line ? byEditor.get(t.editor) : null;
      if (list) list.push(d); // an editor not on screen gets its marks when drawn
    }
    for (const [ed, list] of byEditor) ed.diagnose(list);
  }

  reveal(d) {
    const t = this.templateFor(d, this.lastTrace);
    if (!t) return;
    this.showTab('integration', false);
    const go = () => t.editor && this.editors.includes(t.editor) && t.editor.reveal(d.line, d.column);
    if (codeEditor) go();
    else codeReady.then(go);
  }

  // ---- presets, sharing, files -----------------------------------------------------

  choosePreset(slug) {
    const p = (this.options.presets || []).find((x) => x.slug === slug);
    if (!p) return;
    this.presetSelect.value = slug;
    this.currentTab = null;
    this.load(p.scenario, p.summary);
    if (this.options.share) history.replaceState(null, '', `?preset=${encodeURIComponent(slug)}`);
  }

  async share() {
    const data = await encodeScenario(this.scenario());
    const url = new URL(location.href);
    url.search = '';
    url.hash = `s=${data}`;
    history.replaceState(null, '', url);
    this.shareOut.value = url.href;
    this.shareOut.hidden = false;
    this.shareOut.select();
    try {
      await navigator.clipboard.writeText(url.href);
      this.statusEl.textContent = 'Link copied';
    } catch {
      this.statusEl.textContent = 'Link ready to copy';
    }
  }

  async openFull() {
    const url = new URL('/', location.href);
    url.hash = `s=${await encodeScenario(this.scenario())}`;
    window.open(url.href, '_blank', 'noopener');
  }

  download() {
    const blob = new Blob([JSON.stringify(this.scenario(), null, 2) + '\n'], { type: 'application/json' });
    const a = h('a', { href: URL.createObjectURL(blob), download: 'scenario.json' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // upload opens a scenario file, JSON or YAML. The server reads it (it has the YAML
  // parser the page does without, and the CLI's checks), so a file is refused with the
  // line or field named before it replaces what is on screen.
  async upload(input) {
    const file = input.files && input.files[0];
    input.value = '';
    if (!file) return;
    let res;
    try {
      res = file.size > 1 << 20 ? { error: 'the file is larger than 1 MiB' } : await readScenarioFile(await file.text());
    } catch (e) {
      res = { error: `the browser could not read it (${e.message})` };
    }
    if (res.error) {
      replace(this.fileError, h('strong', { text: `Cannot open ${file.name}: ` }), res.error, h('br'),
        'The scenario on screen is unchanged. ',
        h('button', { type: 'button', class: 'btn ghost', onclick: () => { this.fileError.hidden = true; } }, 'Dismiss'));
      this.fileError.hidden = false;
      return;
    }
    this.currentTab = null;
    if (this.presetSelect) this.presetSelect.value = ''; // no longer a preset
    this.load(res.scenario, `Opened ${file.name}`);
  }
}
