/**
 * A readable, self-contained HTML page of the OpenAPI document: no scripts, no
 * external assets, so it works offline and behind any firewall.
 */
type Json = Record<string, any>;

const esc = (s: unknown) => String(s ?? '').replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[ch]!);

function schemaText(s: Json | undefined, depth = 0): string {
  if (!s) return '';
  if (s.$ref) {
    const name = String(s.$ref).split('/').pop();
    return `<a href="#schema-${esc(name)}">${esc(name)}</a>`;
  }
  if (s.type === 'array') return `liste de ${schemaText(s.items, depth)}`;
  if (s.enum) return s.enum.map((v: unknown) => `<code>${esc(v)}</code>`).join(' | ');
  if (s.anyOf || s.oneOf) return (s.anyOf ?? s.oneOf).map((x: Json) => schemaText(x, depth)).join(' ou ');
  if (s.type === 'object' && s.properties && depth < 2) {
    const req = new Set<string>(s.required ?? []);
    return `<ul>${Object.entries<Json>(s.properties)
      .map(([k, v]) => `<li><code>${esc(k)}</code>${req.has(k) ? ' <em>(requis)</em>' : ''} : ${schemaText(v, depth + 1)}${v.description ? ` — ${esc(v.description)}` : ''}</li>`)
      .join('')}</ul>`;
  }
  return esc(s.format ?? s.type ?? 'valeur');
}

export function renderDocsPage(doc: Json): string {
  const ops: string[] = [];
  const nav: string[] = [];
  for (const [path, methods] of Object.entries<Json>(doc.paths)) {
    for (const [method, op] of Object.entries<Json>(methods)) {
      const anchor = op.operationId;
      nav.push(`<li><a href="#${esc(anchor)}"><span class="m ${method}">${method.toUpperCase()}</span> ${esc(path)}</a></li>`);
      const params = (op.parameters ?? []) as Json[];
      ops.push(`<section id="${esc(anchor)}"><h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${esc(path)}</code></h3>
<p>${esc(op.summary)}</p><p class="access">${esc(op.description)}</p>
${params.length ? `<h4>Paramètres</h4><ul>${params.map((p) => `<li><code>${esc(p.name)}</code> (${esc(p.in)}${p.required ? ', requis' : ''}) : ${schemaText(p.schema)}${p.description ? ` — ${esc(p.description)}` : ''}</li>`).join('')}</ul>` : ''}
${op.requestBody ? `<h4>Corps</h4>${schemaText(op.requestBody.content['application/json'].schema)}` : ''}
<h4>Réponses</h4><ul>${Object.entries<Json>(op.responses)
        .map(([st, r]) => `<li><strong>${esc(st)}</strong> ${esc(r.description)}${r.content ? ' : ' + Object.entries<Json>(r.content).map(([ct, c]) => `<code>${esc(ct)}</code> ${schemaText(c.schema)}`).join(', ') : ''}</li>`)
        .join('')}</ul></section>`);
    }
  }
  const schemas = Object.entries<Json>(doc.components.schemas)
    .map(([name, s]) => `<section id="schema-${esc(name)}"><h3>${esc(name)}</h3>${s.description ? `<p>${esc(s.description)}</p>` : ''}${schemaText(s)}</section>`)
    .join('\n');
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)}</title><style>
body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1d2521;display:grid;grid-template-columns:minmax(14rem,22rem) 1fr}
nav{background:#f3f1ea;padding:1rem;height:100vh;overflow:auto;position:sticky;top:0;font-size:.85rem}nav ul{list-style:none;padding:0}
main{padding:1rem 2rem;max-width:60rem}section{border-top:1px solid #ddd;padding:.5rem 0}code{background:#f3f1ea;padding:0 .2em}
.m{display:inline-block;min-width:3.5em;font-weight:700;font-size:.8em}.get{color:#2a6f3f}.post{color:#8a5a00}.patch,.put{color:#1f4f8a}.delete{color:#a12}
.access{color:#555;font-style:italic}a{color:#1f4f8a}
</style></head><body><nav><strong>Routes</strong><ul>${nav.join('')}</ul><a href="/v1/openapi.json">openapi.json</a></nav>
<main><h1>${esc(doc.info.title)}</h1><p>${esc(doc.info.description)}</p>
<p>Authentification : en-tête <code>Authorization: Bearer &lt;jeton&gt;</code>. Les lectures des données publiées sont libres.</p>
<h2>Routes</h2>${ops.join('\n')}<h2>Schémas</h2>${schemas}</main></body></html>`;
}
