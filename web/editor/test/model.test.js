// Unit tests of the page's pure modules: node --test web/editor/test/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Model, formatHeaders, parseHeaders, parsePairs } from '../src/model.js';
import { lineDiff } from '../src/diff.js';
import { decodeScenario, encodeScenario, sharedFragment } from '../src/share.js';

test('headers keep repeats and round-trip through text', () => {
  const h = parseHeaders('Content-Type: application/json\nX-Trace: one\nX-Trace: two\nbad line\n: nameless');
  assert.deepEqual(h, { 'Content-Type': 'application/json', 'X-Trace': ['one', 'two'] });
  assert.equal(formatHeaders(h), 'Content-Type: application/json\nX-Trace: one\nX-Trace: two');
});

test('pairs split at the first =', () => {
  assert.deepEqual(parsePairs("method.response.header.X = 'a=b'\nalias = live"), { 'method.response.header.X': "'a=b'", alias: 'live' });
});

test('a scenario survives the model unchanged', () => {
  const sc = {
    request: { method: 'POST', path: '/pets/1?x=1', headers: { A: ['1', '2'] }, body: '{}' },
    api: { resource: '/pets/{id}', stage: 'dev' },
    integration: {
      type: 'aws',
      passthroughBehavior: 'never',
      requestTemplates: { 'application/json': '$input.json(\'$\')' },
      responses: {
        default: { statusCode: '200' },
        '.*Not found.*': { statusCode: '404', responseParameters: { 'method.response.header.X': "'y'" }, responseTemplates: { 'application/json': '{}' }, contentHandling: 'CONVERT_TO_TEXT' },
      },
    },
    methodResponses: { 200: {} },
    lambda: { error: { errorMessage: 'Not found', errorType: 'E' } },
    context: { requestId: 'r' },
  };
  assert.deepEqual(new Model(sc).scenario(), sc);
});

test('the Lambda outcome is exactly one of result, error and raw', () => {
  const m = new Model({ request: { method: 'GET', path: '/' }, lambda: { raw: 'not json' } });
  assert.equal(m.lambdaMode, 'raw');
  assert.deepEqual(m.scenario().lambda, { raw: 'not json' });
  m.lambdaMode = 'result';
  m.lambdaResultText = '{"a": ';
  assert.match(m.lambdaProblem(), /not JSON/);
  m.lambdaResultText = '[1]';
  assert.deepEqual(m.scenario().lambda, { result: [1] });
});

test('a mock integration sends no lambda', () => {
  const m = new Model({ request: { method: 'GET', path: '/' }, integration: { type: 'MOCK' }, lambda: { result: 1 } });
  assert.equal(m.type, 'mock');
  assert.equal(m.scenario().lambda, undefined);
});

test('lineDiff marks removed and added lines', () => {
  assert.deepEqual(lineDiff('a\nb\nc', 'a\nc\nd'), [
    { op: ' ', text: 'a' }, { op: '-', text: 'b' }, { op: ' ', text: 'c' }, { op: '+', text: 'd' },
  ]);
});

test('share links round-trip and refuse what is not a scenario', async () => {
  const sc = { request: { method: 'GET', path: '/é?q=<b>' }, lambda: { result: { s: 'x'.repeat(500) } } };
  const data = await encodeScenario(sc);
  assert.match(data, /^[A-Za-z0-9_-]+$/);
  assert.ok(data.length < 200, `compressed to ${data.length} characters`);
  assert.deepEqual(await decodeScenario(data), sc);
  assert.equal(sharedFragment(`#s=${data}`), data);
  assert.equal(sharedFragment('#other'), null);
  await assert.rejects(decodeScenario(await encodeScenario([1, 2])), /no scenario/);
});

test('a built-in handler and extra Lambda fields survive the model', () => {
  const sc = { request: { method: 'GET', path: '/' }, integration: { type: 'aws' }, lambda: { handler: 'echo', durationMs: 30000 } };
  const m = new Model(sc);
  assert.equal(m.lambdaMode, 'handler');
  assert.deepEqual(m.scenario(), sc);
  m.lambdaMode = 'raw';
  m.lambdaRaw = 'x';
  assert.deepEqual(m.scenario().lambda, { raw: 'x', durationMs: 30000 });
});
