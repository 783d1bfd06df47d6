/**
 * A place's website on another origin than the API: pages embedding the widget (one with a
 * hostile stylesheet), and a broken "API" answering 500 to test the error message.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Everything a careless or hostile site stylesheet might do to embedded content. */
export const HOSTILE_CSS = `
* { color: #ff00ff !important; font-family: "Comic Sans MS", cursive !important; font-size: 31px !important; line-height: 3 !important;
    letter-spacing: 4px !important; text-transform: uppercase !important; background: yellow !important; border: 6px dashed red !important;
    padding: 30px !important; margin: 20px !important; box-sizing: content-box !important; text-align: right !important; }
a { display: none !important; } ul, li { list-style: square !important; display: inline !important; }
input, select, button { width: 5px !important; height: 5px !important; opacity: .2 !important; }
h2, h3 { font-size: 60px !important; } article { float: right !important; transform: rotate(3deg) !important; }
tiers-lieux-reseau { color: green !important; font-style: italic !important; word-spacing: 20px !important; }
`;

export interface HostSite {
  origin: string;
  close(): Promise<void>;
}

export function hostPage(o: { apiOrigin: string; body: string; hostile: boolean }): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Site d’un lieu</title>
<script type="module" src="${o.apiOrigin}/widget.js"></script>
${o.hostile ? `<style>${HOSTILE_CSS}</style>` : '<style>body{margin:0;font-family:serif}</style>'}
</head><body><h1>Le site du lieu</h1>${o.body}</body></html>`;
}

export async function startHostSite(apiOrigin: string, pages: Record<string, { body: string; hostile: boolean }>): Promise<HostSite> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path.startsWith('/broken-api/')) {
      res.writeHead(500, { 'content-type': 'application/problem+json', 'access-control-allow-origin': '*' });
      return res.end(JSON.stringify({ type: 'about:blank', title: 'Erreur interne', status: 500 }));
    }
    const page = pages[path];
    if (!page) {
      res.writeHead(404);
      return res.end('not found');
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(hostPage({ apiOrigin, ...page }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((r) => server.close(() => r())) };
}
