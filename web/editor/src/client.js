// The simulator client: one websocket per page shared by every playground on it, with
// ids to route answers, reconnection with backoff, and POST /api/simulate while the
// socket is down.
const MIN_BACKOFF = 250;
const MAX_BACKOFF = 10000;
const ANSWER_TIMEOUT = 5000;

class SimClient {
  constructor() {
    this.nextID = 1;
    this.pending = new Map();
    this.backoff = MIN_BACKOFF;
    this.listeners = new Set();
    this.state = 'connecting';
    this.connect();
  }

  onState(fn) {
    this.listeners.add(fn);
    fn(this.state);
  }

  setState(s) {
    this.state = s;
    for (const fn of this.listeners) fn(s);
  }

  connect() {
    const url = new URL('/ws', location.href);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    let ws;
    try {
      ws = new WebSocket(url);
    } catch {
      this.retry();
      return;
    }
    this.ws = ws;
    this.setState('connecting');
    ws.onopen = () => {
      this.backoff = MIN_BACKOFF;
      this.setState('live');
    };
    ws.onmessage = (ev) => this.receive(ev.data);
    ws.onclose = () => {
      this.ws = null;
      this.setState('offline');
      // Whatever was waiting for the socket goes over HTTP instead.
      for (const [id, p] of this.pending) {
        this.pending.delete(id);
        clearTimeout(p.timer);
        this.viaHTTP(p.scenario).then(p.resolve);
      }
      this.retry();
    };
  }

  retry() {
    const delay = this.backoff * (0.75 + Math.random() / 2);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF);
    setTimeout(() => this.connect(), delay);
  }

  receive(data) {
    let m;
    try {
      m = JSON.parse(data);
    } catch {
      return;
    }
    const p = this.pending.get(m.id);
    if (!p) return; // an answer nobody waits for any more
    this.pending.delete(m.id);
    clearTimeout(p.timer);
    p.resolve(m.type === 'trace' ? { trace: m.trace } : { error: m.message || 'the server could not simulate this scenario' });
  }

  // simulate resolves to {trace} or {error}; it never rejects.
  simulate(scenario) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return this.viaHTTP(scenario);
    const id = this.nextID++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        if (this.pending.delete(id)) this.viaHTTP(scenario).then(resolve);
      }, ANSWER_TIMEOUT);
      this.pending.set(id, { resolve, scenario, timer });
      this.ws.send(JSON.stringify({ type: 'simulate', id, scenario }));
    });
  }

  async viaHTTP(scenario) {
    const res = await postJSON('/api/simulate', JSON.stringify(scenario), 'application/json');
    return res.error ? res : { trace: res.body };
  }
}

// postJSON posts text to one of the server's JSON endpoints and resolves to {body} or
// {error} (the server's message, a 429's included); it never rejects.
async function postJSON(path, text, contentType) {
  try {
    const r = await fetch(path, { method: 'POST', headers: { 'Content-Type': contentType }, body: text });
    const body = await r.json();
    return r.ok ? { body } : { error: body.message || `HTTP ${r.status}` };
  } catch (e) {
    return { error: `cannot reach the playground server (${e.message})` };
  }
}

// readScenarioFile asks the server to read a scenario file's text, JSON or YAML, the way
// the CLI reads it (POST /api/decode); it resolves to {scenario} as JSON, or {error}
// naming the line or field.
export async function readScenarioFile(text) {
  const res = await postJSON('/api/decode', text, 'text/plain; charset=utf-8');
  return res.error ? res : { scenario: res.body };
}

let shared;
export function client() {
  if (!shared) shared = new SimClient();
  return shared;
}
