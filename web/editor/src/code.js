// Code editors: CodeMirror 6 with the Velocity (VTL) legacy mode or JSON, line numbers,
// and diagnostics underlined at the line and column the simulator reports.
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration, EditorView, drawSelection, highlightActiveLine, highlightActiveLineGutter,
  keymap, lineNumbers, placeholder as placeholderExt,
} from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { HighlightStyle, StreamLanguage, bracketMatching, syntaxHighlighting } from '@codemirror/language';
import { velocity } from '@codemirror/legacy-modes/mode/velocity';
import { json } from '@codemirror/lang-json';
import { tags as t } from '@lezer/highlight';

// Colours come from CSS variables, so one style serves the light and the dark theme.
const highlight = HighlightStyle.define([
  { tag: [t.keyword, t.controlKeyword, t.meta], color: 'var(--hl-keyword)', fontWeight: '600' },
  { tag: [t.string, t.special(t.string)], color: 'var(--hl-string)' },
  { tag: [t.number, t.bool, t.null, t.atom], color: 'var(--hl-number)' },
  { tag: [t.variableName, t.special(t.variableName), t.local(t.variableName)], color: 'var(--hl-variable)' },
  { tag: [t.propertyName, t.standard(t.variableName)], color: 'var(--hl-property)' },
  { tag: [t.comment, t.lineComment, t.blockComment], color: 'var(--hl-comment)', fontStyle: 'italic' },
  { tag: [t.operator, t.punctuation, t.bracket, t.separator], color: 'var(--hl-punct)' },
]);

const languages = {
  vtl: () => StreamLanguage.define(velocity),
  json: () => json(),
  text: () => [],
};

const setDiagnostics = StateEffect.define();

// The underlines: replaced as a whole by each trace, moved along with edits in between.
const diagnosticsField = StateField.define({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setDiagnostics)) deco = e.value;
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

// decorate marks each diagnostic from its column to the end of the token there; an empty
// line gets a line mark, so nothing a diagnostic points at goes unseen.
function decorate(doc, diagnostics) {
  const ranges = [];
  for (const d of diagnostics) {
    const line = doc.line(Math.min(Math.max(d.line || 1, 1), doc.lines));
    const attributes = { title: d.message };
    ranges.push(Decoration.line({ class: 'cm-diag-line', attributes }).range(line.from));
    if (line.length === 0) continue;
    let from = line.from + Math.min(Math.max((d.column || 1) - 1, 0), line.length - 1);
    const token = /^[$#!{]*[\w.'"()-]*/.exec(doc.sliceString(from, line.to))[0];
    let to = Math.min(from + Math.max(token.length, 1), line.to);
    ranges.push(Decoration.mark({ class: 'cm-diag', attributes }).range(from, to));
  }
  return Decoration.set(ranges, true);
}

function cspNonce() {
  const meta = document.querySelector('meta[name="csp-nonce"]');
  return meta ? meta.content : '';
}

// codeEditor makes an editor in parent. onChange gets the text after each edit by the user
// (not after set()).
export function codeEditor(parent, { lang = 'text', doc = '', onChange, label, testid, placeholder }) {
  let quiet = false;
  const extensions = [
    lineNumbers(),
    highlightActiveLineGutter(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    syntaxHighlighting(highlight),
    diagnosticsField,
    EditorView.lineWrapping,
    keymap.of([...defaultKeymap, ...historyKeymap]),
    languages[lang](),
    EditorView.contentAttributes.of({ 'aria-label': label || 'code', 'data-testid': testid || '' }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged && !quiet && onChange) onChange(u.state.doc.toString());
    }),
  ];
  const nonce = cspNonce();
  if (nonce) extensions.push(EditorView.cspNonce.of(nonce));
  if (placeholder) extensions.push(placeholderExt(placeholder));
  const view = new EditorView({ state: EditorState.create({ doc, extensions }), parent });
  return {
    view,
    get: () => view.state.doc.toString(),
    set(text) {
      if (text === view.state.doc.toString()) return;
      quiet = true;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
      quiet = false;
    },
    diagnose(list) {
      view.dispatch({ effects: setDiagnostics.of(decorate(view.state.doc, list || [])) });
    },
    // reveal puts the cursor where a diagnostic points and focuses the editor.
    reveal(line, column) {
      const l = view.state.doc.line(Math.min(Math.max(line || 1, 1), view.state.doc.lines));
      const pos = l.from + Math.min(Math.max((column || 1) - 1, 0), l.length);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },
    destroy: () => view.destroy(),
  };
}
