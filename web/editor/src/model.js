// The editable model of a scenario: the scenario document itself for the plain fields,
// and lists for what the form edits as rows (templates, integration responses, the
// Lambda outcome). scenario() puts the document back together for the simulator.

const DEFAULT_SCENARIO = {
  request: { method: 'GET', path: '/' },
  api: { resource: '/{proxy+}', stage: 'dev' },
  integration: { type: 'aws_proxy' },
  lambda: { result: { statusCode: 200, body: 'ok' } },
};

const entries = (obj) => Object.entries(obj && typeof obj === 'object' ? obj : {});

export class Model {
  constructor(scenario) {
    const sc = structuredClone(scenario && typeof scenario === 'object' ? scenario : DEFAULT_SCENARIO);
    sc.request = sc.request || { method: 'GET', path: '/' };
    sc.api = sc.api || {};
    sc.integration = sc.integration || { type: 'aws_proxy' };
    sc.integration.type = String(sc.integration.type || 'aws_proxy').toLowerCase();
    this.sc = sc;
    this.templates = entries(sc.integration.requestTemplates).map(([type, text]) => ({ type, text: String(text) }));
    this.responses = entries(sc.integration.responses).map(([pattern, r]) => {
      const { statusCode, responseParameters, responseTemplates, ...rest } = r || {};
      return {
        pattern,
        statusCode: statusCode == null ? '' : String(statusCode),
        params: { ...(responseParameters || {}) },
        templates: entries(responseTemplates).map(([type, text]) => ({ type, text: String(text) })),
        rest,
      };
    });
    const { result, error, raw, handler, ...lambdaRest } = sc.lambda || {};
    const lambda = sc.lambda || {};
    // Fields the form does not edit (durationMs, ...) travel along untouched.
    this.lambdaRest = lambdaRest;
    if (error) {
      this.lambdaMode = 'error';
    } else if (typeof raw === 'string') {
      this.lambdaMode = 'raw';
    } else if (typeof handler === 'string') {
      this.lambdaMode = 'handler';
    } else {
      this.lambdaMode = 'result';
    }
    this.lambdaHandler = typeof handler === 'string' ? handler : 'proxy-echo';
    this.lambdaError = { errorMessage: '', errorType: '', ...(lambda.error || {}) };
    this.lambdaRaw = typeof lambda.raw === 'string' ? lambda.raw : '';
    this.lambdaResultText = 'result' in lambda ? JSON.stringify(lambda.result, null, 2) : '{}';
  }

  get type() {
    return this.sc.integration.type;
  }

  // lambdaProblem explains why the Lambda editor cannot be used as it stands, or is ''.
  lambdaProblem() {
    if (this.lambdaMode !== 'result') return '';
    try {
      JSON.parse(this.lambdaResultText);
      return '';
    } catch (e) {
      return `The Lambda result is not JSON (${e.message}). To return invalid JSON on purpose, choose "raw bytes".`;
    }
  }

  scenario() {
    const sc = structuredClone(this.sc);
    const integ = sc.integration;
    delete integ.requestTemplates;
    delete integ.responses;
    if (this.templates.length) {
      integ.requestTemplates = Object.fromEntries(this.templates.map((t) => [t.type, t.text]));
    }
    if (this.responses.length) {
      integ.responses = Object.fromEntries(this.responses.map((r) => {
        const out = { statusCode: r.statusCode, ...r.rest };
        if (Object.keys(r.params).length) out.responseParameters = r.params;
        if (r.templates.length) out.responseTemplates = Object.fromEntries(r.templates.map((t) => [t.type, t.text]));
        return [r.pattern.trim() || 'default', out];
      }));
    }
    if (integ.type === 'mock') {
      delete sc.lambda;
    } else if (this.lambdaMode === 'error') {
      const e = { errorMessage: this.lambdaError.errorMessage };
      if (this.lambdaError.errorType) e.errorType = this.lambdaError.errorType;
      if (Array.isArray(this.lambdaError.stackTrace)) e.stackTrace = this.lambdaError.stackTrace;
      sc.lambda = { error: e };
    } else if (this.lambdaMode === 'raw') {
      sc.lambda = { raw: this.lambdaRaw };
    } else if (this.lambdaMode === 'handler') {
      sc.lambda = { handler: this.lambdaHandler };
    } else {
      let result = null;
      try {
        result = JSON.parse(this.lambdaResultText);
      } catch {
        // lambdaProblem reports it; the run is held back meanwhile.
      }
      sc.lambda = { result };
    }
    if (sc.lambda) Object.assign(sc.lambda, this.lambdaRest);
    if (!Object.keys(sc.api).length) delete sc.api; // left out means the defaults
    return sc;
  }
}

// Text forms of the small maps the form edits in a textarea.

// splitLines reads "name<sep>value" lines, trimmed; lines without a name are skipped.
// With repeats, a name given twice collects its values in a list.
function splitLines(text, sep, repeats) {
  const out = {};
  for (const line of text.split('\n')) {
    const i = line.indexOf(sep);
    const name = i > 0 ? line.slice(0, i).trim() : '';
    if (!name) continue;
    const value = line.slice(i + 1).trim();
    out[name] = repeats && name in out ? [].concat(out[name], value) : value;
  }
  return out;
}

// parseHeaders reads "Name: value" lines; a repeated name becomes a list of values.
export const parseHeaders = (text) => splitLines(text, ':', true);

export function formatHeaders(headers) {
  const lines = [];
  for (const [name, v] of entries(headers)) {
    for (const value of Array.isArray(v) ? v : [v]) lines.push(`${name}: ${value}`);
  }
  return lines.join('\n');
}

// parsePairs reads "name = value" lines.
export const parsePairs = (text) => splitLines(text, '=', false);

export const formatPairs = (obj) => entries(obj).map(([k, v]) => `${k} = ${v}`).join('\n');

export const parseLines = (text) => text.split('\n').map((s) => s.trim()).filter(Boolean);
