// Sharing: a scenario travels in the URL fragment as deflate-raw compressed JSON in
// base64url, so the server stores nothing and never even sees it.
const MAX_SHARED_BYTES = 1 << 20;

export async function encodeScenario(scenario) {
  const data = new TextEncoder().encode(JSON.stringify(scenario));
  const stream = new Blob([data]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function decodeScenario(text) {
  let b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  while (b64.length % 4) b64 += '=';
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_SHARED_BYTES) throw new Error('shared scenario is too large');
    chunks.push(value);
  }
  const json = new TextDecoder().decode(await new Blob(chunks).arrayBuffer());
  const scenario = JSON.parse(json);
  if (!scenario || typeof scenario !== 'object' || Array.isArray(scenario)) throw new Error('shared link holds no scenario');
  return scenario;
}

// The fragment is "#s=<data>"; other fragments are left alone.
export function sharedFragment(hash) {
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash || '');
  return m ? m[1] : null;
}
