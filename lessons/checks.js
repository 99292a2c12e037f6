// checks.js evaluates an exercise's checks against a trace in the browser. It is the
// twin of check.go: the same assertions, the same results, the same messages, so that a
// learner sees in the page exactly what the server's tests see. lessons/README.md
// documents the language; checkscript_test.go runs both on one table and compares them.
//
// Usage: checkTrace(assertions, trace) → [{assertion, pass, message}, ...]

const MAX_SHOWN = 60;

function checkTrace(assertions, trace) {
  return assertions.map((a) => {
    const [pass, message] = evaluate(a, trace);
    return { assertion: a, pass, message };
  });
}

function evaluate(a, doc) {
  const keys = splitPath(a.at);
  if (keys === null) return [false, `${show(a.at)} is not a path like response.statusCode`];
  let [v, found] = walkKeys(doc, keys);
  if (v === null || v === undefined) found = false; // null counts as absent
  if (a.json !== undefined && a.json !== "" && found) {
    if (typeof v !== "string") return [false, `${a.at} is not text, so it cannot be read as JSON`];
    let inner;
    try {
      inner = JSON.parse(v);
    } catch (e) {
      return [false, `${a.at} is not valid JSON`];
    }
    const steps = parseJSONPath(a.json);
    if (steps === null) return [false, `${show(a.json)} is not a JSON path like $.items[0].id`];
    [v, found] = walkSteps(inner, steps);
    if (v === null || v === undefined) found = false;
  }
  const name = a.json ? `${a.at} ${a.json}` : a.at;

  if (a.present !== undefined) {
    if (a.present === found) return [true, found ? `${name} is present` : `${name} is absent`];
    return [false, found ? `${name} is present, expected it to be absent` : `${name} is absent, expected it to be present`];
  }
  if (a.equals !== undefined) {
    if (!found) return [false, `${name} is absent, expected ${show(a.equals)}`];
    if (deepEqual(v, a.equals)) return [true, `${name} is ${show(v)}`];
    return [false, `${name} is ${show(v)}, expected ${show(a.equals)}`];
  }
  if (a.contains !== undefined || a.notContains !== undefined) {
    const wantIn = a.contains !== undefined;
    const needle = wantIn ? a.contains : a.notContains;
    if (found && !isTextual(v)) return [false, `${name} is ${show(v)}, which is not text`];
    const isIn = found && containsText(v, needle);
    if (isIn && wantIn) return [true, `${name} contains ${show(needle)}`];
    if (!isIn && !wantIn) return [true, `${name} does not contain ${show(needle)}`];
    if (isIn) return [false, `${name} contains ${show(needle)}, expected it not to`];
    if (!found) return [false, `${name} is absent, expected it to contain ${show(needle)}`];
    return [false, `${name} does not contain ${show(needle)}; it is ${show(v)}`];
  }
  return [false, "the check has no operator"];
}

function splitPath(p) {
  if (typeof p !== "string") return null;
  const keys = p.split(".");
  return keys.some((k) => k === "") ? null : keys;
}

function isObject(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function walkKeys(v, keys) {
  for (const k of keys) {
    if (!isObject(v)) return [undefined, false];
    const hit = lookup(v, k);
    if (!hit.found) return [undefined, false];
    v = hit.value;
  }
  return [v, true];
}

// lookup finds key exactly or, failing that, ignoring case; several case-insensitive
// matches pick the smallest key, as check.go does. Go's strings.EqualFold folds Unicode
// simply; toLowerCase agrees with it on header names, which are ASCII.
function lookup(obj, key) {
  if (Object.prototype.hasOwnProperty.call(obj, key)) return { value: obj[key], found: true };
  let best;
  for (const k of Object.keys(obj)) {
    if (k.toLowerCase() === key.toLowerCase() && (best === undefined || k < best)) best = k;
  }
  return best === undefined ? { found: false } : { value: obj[best], found: true };
}

function parseJSONPath(p) {
  if (typeof p !== "string" || !p.startsWith("$")) return null;
  const steps = [];
  let rest = p.slice(1);
  while (rest !== "") {
    if (rest[0] === ".") {
      let end = rest.slice(1).search(/[.[]/);
      if (end < 0) end = rest.length - 1;
      const key = rest.slice(1, 1 + end);
      if (key === "") return null;
      steps.push({ key });
      rest = rest.slice(1 + end);
    } else if (rest[0] === "[") {
      const end = rest.indexOf("]");
      if (end < 0) return null;
      const digits = rest.slice(1, end);
      if (!/^[0-9]+$/.test(digits)) return null;
      steps.push({ index: Number(digits) });
      rest = rest.slice(end + 1);
    } else {
      return null;
    }
  }
  return steps;
}

function walkSteps(v, steps) {
  for (const s of steps) {
    if (s.key !== undefined) {
      if (!isObject(v) || !Object.prototype.hasOwnProperty.call(v, s.key)) return [undefined, false];
      v = v[s.key];
    } else {
      if (!Array.isArray(v) || s.index >= v.length) return [undefined, false];
      v = v[s.index];
    }
  }
  return [v, true];
}

function isTextual(v) {
  if (typeof v === "string") return true;
  return Array.isArray(v) && v.every((e) => typeof e === "string");
}

function containsText(v, needle) {
  if (typeof v === "string") return v.includes(needle);
  return v.some((e) => typeof e === "string" && e.includes(needle));
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

// show formats a value as Go's encoding/json does: object keys sorted, U+2028 and U+2029
// escaped; then cut at MAX_SHOWN code points.
function show(v) {
  const s = stableStringify(v).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
  const cps = Array.from(s);
  return cps.length <= MAX_SHOWN ? s : cps.slice(0, MAX_SHOWN).join("") + "…";
}

function stableStringify(v) {
  if (Array.isArray(v)) return "[" + v.map(stableStringify).join(",") + "]";
  if (isObject(v)) {
    return "{" + Object.keys(v).sort().map((k) => JSON.stringify(k) + ":" + stableStringify(v[k])).join(",") + "}";
  }
  return JSON.stringify(v);
}

if (typeof module !== "undefined") module.exports = { checkTrace };
