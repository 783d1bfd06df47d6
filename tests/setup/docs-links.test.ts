/**
 * The README and the French going-live guide must work from a plain clone: every link points
 * to a file of the repository (or to the local server), none leaves it.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown links `[text](target)` and autolinks `<scheme://…>`, outside code blocks. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g), ...prose.matchAll(/<([a-z][a-z0-9+.-]*:[^>\s]+)>/gi)].map((m) => m[1]!);
}

describe('the documentation stands alone in a clone', () => {
  it.each(DOCS)('%s links only to files of the repository or to the local server', (file) => {
    const text = readFileSync(join(ROOT, file), 'utf8');
    const found = links(text);
    const outside: string[] = [];
    for (const target of found) {
      if (/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?(\/|$)/.test(target)) continue;
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
        outside.push(target);
        continue;
      }
      const path = resolve(dirname(join(ROOT, file)), target.split('#')[0]!);
      if (relative(ROOT, path).startsWith('..') || !existsSync(path)) outside.push(target);
    }
    expect(outside).toEqual([]);
    // Paths outside the clone, even unlinked, would send a reader nowhere.
    expect(text).not.toMatch(/\.\.\/shared\b/);
  });

  it('finds the links it checks (the checker itself works)', () => {
    expect(links('voir [le guide](integrations/sheets/GUIDE-fr.md) et <http://localhost:3000/docs>, pas `[x](y)`')).toEqual(['integrations/sheets/GUIDE-fr.md', 'http://localhost:3000/docs']);
    expect(links(readFileSync(join(ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(1);
  });

  it('the README says a first sync fills an empty sheet, and points to the going-live guide and npm run setup', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/first sync fills it with the whole directory/);
    expect(readme).toContain('(docs/mise-en-ligne.md)');
    expect(readme).toContain('npm run setup');
  });
});
