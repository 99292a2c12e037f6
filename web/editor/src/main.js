// The playground's browser code: mounts a playground on every element that carries a
// scenario (data-playground), and wires the page's header. Lessons reuse mount().
import { Playground } from './widget.js';
import { client } from './client.js';
import { decodeScenario, sharedFragment } from './share.js';
import { h } from './dom.js';
import { reportHeightWhenFramed } from './frame.js';

// readJSONScript reads a JSON script element of the page (the presets, the handler names).
function readJSONScript(id) {
  if (!id) return [];
  const el = document.getElementById(id);
  try {
    return el ? JSON.parse(el.textContent) : [];
  } catch {
    return [];
  }
}

// mount turns el into a playground, once. Its data attributes: data-playground (the
// scenario JSON), data-trace (its trace, when the server already ran it), data-presets (id
// of a JSON script with presets), data-share and data-files ("true" to offer links and
// files), data-tab (the tab to open on).
export async function mount(el) {
  if (el.playground) return el.playground;
  let scenario;
  try {
    scenario = JSON.parse(el.dataset.playground || '{}');
  } catch (e) {
    el.textContent = `This playground's scenario is not valid JSON: ${e.message}`;
    return null;
  }
  const share = el.dataset.share === 'true';
  let summary = '';
  let presetSlug = '';
  const shared = share ? sharedFragment(location.hash) : null;
  if (shared) {
    try {
      scenario = await decodeScenario(shared);
      summary = 'Opened from a shared link.';
    } catch (e) {
      summary = `The shared link could not be read (${e.message}); showing the default scenario.`;
    }
  }
  const presets = readJSONScript(el.dataset.presets);
  const handlers = readJSONScript('lambda-handlers');
  if (!shared && presets.length) {
    const slug = new URLSearchParams(location.search).get('preset');
    const p = presets.find((x) => x.slug === slug) || presets[0];
    if (JSON.stringify(p.scenario) === JSON.stringify(scenario)) {
      summary = p.summary;
      presetSlug = p.slug;
    }
  }
  let trace = null;
  if (!shared && el.dataset.trace) {
    try {
      trace = JSON.parse(el.dataset.trace);
    } catch {
      // ask the server instead
    }
  }
  const pg = new Playground(el, scenario, trace, {
    presets,
    share,
    files: el.dataset.files === 'true',
    reset: share ? null : scenario,
    tab: el.dataset.tab,
    handlers,
  });
  if (presetSlug && pg.presetSelect) pg.presetSelect.value = presetSlug;
  if (summary) {
    pg.summaryEl.textContent = summary;
    pg.summaryEl.hidden = false;
  }
  el.playground = pg;
  return pg;
}

export function mountAll(root = document) {
  return Promise.all([...root.querySelectorAll('[data-playground]')].map(mount));
}

// wireExercises re-checks an exercise's goals on every trace of its playground, with the
// lessons' own evaluator (checks.js, the twin of lessons.Check).
function wireExercises(root = document) {
  for (const ex of root.querySelectorAll('[data-exercise]')) {
    let checks;
    try {
      checks = JSON.parse(ex.dataset.exercise);
    } catch {
      continue;
    }
    let done = ex.querySelector('.ex-done');
    if (!done) {
      done = h('p', { class: 'ex-done', role: 'status', 'aria-live': 'polite', 'data-testid': 'exercise-status' });
      ex.querySelector('.ex-checks')?.after(done);
    }
    ex.addEventListener('playground:trace', (e) => {
      const trace = e.detail && e.detail.trace;
      if (!trace || typeof window.checkTrace !== 'function') return;
      const results = window.checkTrace(checks, trace);
      results.forEach((r, i) => {
        const li = ex.querySelector(`li[data-check="${i}"]`);
        if (!li) return;
        li.classList.toggle('ex-pass', r.pass);
        li.classList.toggle('ex-fail', !r.pass);
        const status = li.querySelector('.ex-status');
        if (status) status.textContent = r.pass ? '(met)' : `(not met yet: ${r.message})`;
      });
      const all = results.every((r) => r.pass);
      ex.classList.toggle('ex-solved', all);
      done.textContent = all ? 'Every check passes: well done.' : '';
    });
  }
}

function wireHeader() {
  const html = document.documentElement;
  const saved = localStorage.getItem('theme');
  if (saved) html.dataset.theme = saved;
  const themeBtn = document.querySelector('[data-action="theme"]');
  if (themeBtn) {
    themeBtn.addEventListener('click', () => {
      const dark = html.dataset.theme ? html.dataset.theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
      html.dataset.theme = dark ? 'light' : 'dark';
      localStorage.setItem('theme', html.dataset.theme);
    });
  }
  const presenter = document.querySelector('[data-action="presenter"]');
  const setPresenter = (on) => {
    html.classList.toggle('presenter', on);
    if (presenter) presenter.setAttribute('aria-pressed', String(on));
    localStorage.setItem('presenter', on ? '1' : '');
  };
  setPresenter(localStorage.getItem('presenter') === '1');
  if (presenter) presenter.addEventListener('click', () => setPresenter(!html.classList.contains('presenter')));
  const conn = document.querySelector('[data-testid="connection"]');
  if (conn) {
    const labels = { connecting: 'connecting…', live: 'live', offline: 'offline (using HTTP)' };
    client().onState((s) => {
      conn.dataset.state = s;
      conn.textContent = labels[s] || s;
    });
  }
  window.addEventListener('hashchange', () => {
    if (!sharedFragment(location.hash)) return;
    for (const el of document.querySelectorAll('[data-playground][data-share="true"]')) {
      decodeScenario(sharedFragment(location.hash)).then((sc) => el.playground && el.playground.load(sc, 'Opened from a shared link.'));
    }
  });
}

window.apigwPlayground = { mount, mountAll };
performance.mark('playground:script-start');

if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', () => { wireHeader(); wireExercises(); mountAll(); reportHeightWhenFramed(); });
} else {
  wireHeader();
  wireExercises();
  mountAll();
  reportHeightWhenFramed();
}
