import { createHash } from 'node:crypto';
import { CSS as WIDGET_CSS } from '../../../widget/src/styles.js';
import { applyPageSecurityHeaders } from '../pages/layout.js';
import { sourcesOf } from '../http/html-security.js';

/**
 * The demo's CSP: a fictional place's own site, not a page of the network (no shared layout),
 * but as strict: its style element and the widget's (written in its shadow root) by their
 * hashes, scripts from this origin (widget.js), and `connect-src 'self'` for the widget's reads.
 */
export function demoPageHeaders(page: string): Record<string, string> {
  const { styleHashes, scripts } = sourcesOf(page);
  const widgetStyle = `'sha256-${createHash('sha256').update(WIDGET_CSS).digest('base64')}'`;
  const headers = new Headers();
  applyPageSecurityHeaders(headers, { scripts, styleHashes: [...styleHashes, widgetStyle] });
  headers.set('Content-Security-Policy', `${headers.get('Content-Security-Policy')}; connect-src 'self'`);
  const out: Record<string, string> = {};
  headers.forEach((value, name) => (out[name] = value));
  return out;
}

/**
 * The `/demo` page: what a member place's website looks like with the widget embedded,
 * themed through the widget's CSS custom properties. The place and its texts are invented.
 */
export function renderDemoPage(): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>L’Atelier des Possibles — tiers-lieu (démonstration du widget)</title>
<script type="module" src="/widget.js"></script>
<style>
  body { margin: 0; font-family: Georgia, "Times New Roman", serif; color: #2d2a26; background: #faf7f2; }
  header { background: #3f5f4a; color: #fff; padding: 1.5rem 2rem; display: flex; justify-content: space-between; align-items: center; flex-wrap: wrap; gap: 1rem; }
  header h1 { margin: 0; font-size: 1.8rem; }
  header p { margin: .2rem 0 0; opacity: .9; }
  nav a { color: #fff; margin-left: 1.2rem; font-family: system-ui, sans-serif; }
  main { max-width: 70rem; margin: 0 auto; padding: 1rem 2rem 3rem; }
  section { margin: 2.5rem 0; }
  h2 { font-size: 1.5rem; border-bottom: 3px solid #c9a227; display: inline-block; padding-bottom: .2rem; }
  .note { font-family: system-ui, sans-serif; font-size: .9rem; background: #fff8e1; border-left: 4px solid #c9a227; padding: .6rem 1rem; }
  code { background: #eee6d8; padding: .1rem .3rem; border-radius: 3px; }
  tiers-lieux-reseau {
    --tlr-font: system-ui, sans-serif;
    --tlr-accent: #3f5f4a;
    --tlr-focus: #c9a227;
    --tlr-card-bg: #fff;
    --tlr-border: #d8cfbf;
    --tlr-radius: 10px;
  }
  footer { background: #2d2a26; color: #eee; padding: 1.5rem 2rem; font-family: system-ui, sans-serif; font-size: .9rem; }
  footer a { color: #f1d98a; }
</style>
</head>
<body>
<header>
  <div><h1>L’Atelier des Possibles</h1><p>Coworking, atelier bois et café associatif — un lieu fictif pour la démonstration</p></div>
  <nav aria-label="Menu du site"><a href="#lieux">Le réseau</a><a href="#partage">À partager</a><a href="#agenda">Agenda</a></nav>
</header>
<main>
  <p class="note">Cette page montre le widget du réseau intégré au site d’un lieu avec une seule ligne :
  <code>&lt;script type="module" src="…/widget.js"&gt;&lt;/script&gt;</code> puis
  <code>&lt;tiers-lieux-reseau view="events"&gt;&lt;/tiers-lieux-reseau&gt;</code>.</p>

  <section id="agenda">
    <tiers-lieux-reseau view="events" lang="fr"></tiers-lieux-reseau>
    <p><a href="/v1/events.ics">S’abonner au calendrier (iCalendar)</a></p>
  </section>

  <section id="partage">
    <tiers-lieux-reseau view="resources" lang="fr"></tiers-lieux-reseau>
  </section>

  <section id="lieux">
    <tiers-lieux-reseau view="places"></tiers-lieux-reseau>
  </section>

  <section id="places-libres">
    <tiers-lieux-reseau view="availability"></tiers-lieux-reseau>
  </section>

  <section id="kit">
    <tiers-lieux-reseau view="kit"></tiers-lieux-reseau>
  </section>

  <section id="english">
    <tiers-lieux-reseau view="events" lang="en"></tiers-lieux-reseau>
  </section>
</main>
<footer>L’Atelier des Possibles, membre du Réseau des tiers-lieux de Dordogne — <a href="/docs">API du réseau</a></footer>
</body>
</html>`;
}
