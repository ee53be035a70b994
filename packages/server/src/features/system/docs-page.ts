/**
 * Interactive API docs with no CDN and no dependency: one page that reads
 * `/api/v1/openapi.json`, lists operations by tag with their parameters and
 * schemas, and sends requests ("Try it").
 */
const STYLE = `
body{font:14px/1.5 system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:12px 24px}header h1{margin:0;font-size:18px}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
h2{border-bottom:1px solid #d0d7de;padding-bottom:4px;margin-top:28px}
details.op{background:#fff;border:1px solid #d0d7de;border-radius:6px;margin:8px 0}
details.op>summary{cursor:pointer;padding:8px 12px;display:flex;gap:12px;align-items:center}
.m{font-weight:700;font-family:monospace;min-width:64px;text-align:center;border-radius:4px;color:#fff;padding:2px 6px}
.GET{background:#0969da}.POST{background:#1a7f37}.PATCH{background:#9a6700}.PUT{background:#8250df}.DELETE{background:#cf222e}
.path{font-family:monospace}.sum{color:#57606a}
.body{padding:0 12px 12px}pre{background:#f6f8fa;padding:8px;overflow:auto;max-height:360px;border-radius:4px}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
textarea{width:100%;min-height:120px;font-family:monospace}input{font-family:monospace}
button{margin-top:6px;padding:4px 12px}
`;

const SCRIPT = `
const el = (tag, attrs = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
};
const resolve = (doc, schema) => {
  if (schema && schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()] || schema;
  return schema;
};
const expand = (doc, schema, depth = 0) => {
  schema = resolve(doc, schema);
  if (!schema || typeof schema !== 'object' || depth > 6) return schema;
  if (Array.isArray(schema)) return schema.map((s) => expand(doc, s, depth + 1));
  const out = {};
  for (const [k, v] of Object.entries(schema)) out[k] = typeof v === 'object' ? expand(doc, v, depth + 1) : v;
  return out;
};
async function main() {
  const doc = await (await fetch('/api/v1/openapi.json')).json();
  document.title = doc.info.title + ' ' + doc.info.version;
  document.querySelector('header h1').textContent = doc.info.title + ' ' + doc.info.version;
  const main = document.querySelector('main');
  main.append(el('p', {}, doc.info.description || ''));
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method: method.toUpperCase(), op });
    }
  }
  for (const [tag, ops] of byTag) {
    main.append(el('h2', {}, tag));
    for (const { path, method, op } of ops) main.append(operation(doc, path, method, op));
  }
}
function operation(doc, path, method, op) {
  const body = el('div', { class: 'body' });
  const box = el('details', { class: 'op' },
    el('summary', {}, el('span', { class: 'm ' + method }, method), el('span', { class: 'path' }, path),
      el('span', { class: 'sum' }, op.summary || '')), body);
  if (op.description) body.append(el('p', {}, op.description));
  const inputs = {};
  if (op.parameters && op.parameters.length) {
    const table = el('table', {}, el('tr', {}, el('th', {}, 'Parameter'), el('th', {}, 'In'), el('th', {}, 'Value')));
    for (const p of op.parameters) {
      const input = el('input', { placeholder: JSON.stringify(p.schema).slice(0, 80) });
      inputs[p.in + ':' + p.name] = input;
      table.append(el('tr', {}, el('td', {}, p.name + (p.required ? ' *' : '')), el('td', {}, p.in), el('td', {}, input)));
    }
    body.append(table);
  }
  let bodyInput;
  if (op.requestBody) {
    const schema = op.requestBody.content['application/json'].schema;
    body.append(el('h4', {}, 'Request body'), el('pre', {}, JSON.stringify(expand(doc, schema), null, 2)));
    bodyInput = el('textarea', { placeholder: '{ }' });
    body.append(bodyInput);
  }
  body.append(el('h4', {}, 'Responses'));
  for (const [status, response] of Object.entries(op.responses)) {
    const content = response.content && Object.values(response.content)[0];
    const schema = content ? JSON.stringify(expand(doc, content.schema), null, 2) : '';
    body.append(el('details', {}, el('summary', {}, status + ' ' + response.description), el('pre', {}, schema)));
  }
  const output = el('pre', {});
  const button = el('button', {}, 'Try it');
  button.addEventListener('click', async () => {
    let url = path;
    const query = new URLSearchParams();
    for (const [key, input] of Object.entries(inputs)) {
      const [where, name] = key.split(':');
      if (!input.value) continue;
      if (where === 'path') url = url.replace('{' + name + '}', encodeURIComponent(input.value));
      else query.set(name, input.value);
    }
    const init = { method, headers: {} };
    if (bodyInput && bodyInput.value.trim()) {
      init.body = bodyInput.value;
      init.headers['content-type'] = 'application/json';
    }
    const qs = query.toString();
    const response = await fetch(url + (qs ? '?' + qs : ''), init);
    const text = await response.text();
    let shown = text;
    try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
    output.textContent = response.status + ' ' + response.statusText + '\\n\\n' + shown;
  });
  body.append(button, output);
  return box;
}
main().catch((error) => { document.querySelector('main').textContent = 'Could not load the API description: ' + error; });
`;

let page: string | undefined;

export function docsPage(): string {
  page ??= `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>GuixuFlow API</title><style>${STYLE}</style></head>
<body><header><h1>GuixuFlow API</h1></header><main></main><script>${SCRIPT}</script></body></html>`;
  return page;
}
