/**
 * The widget's stylesheet, inside its shadow root. `.w` cuts inheritance from the host page
 * (`all: initial`), so host styles reach nothing inside; the look is themable only through
 * CSS custom properties (which do inherit): --tlr-font, --tlr-font-size, --tlr-color, --tlr-muted,
 * --tlr-bg, --tlr-card-bg, --tlr-accent, --tlr-accent-contrast, --tlr-border, --tlr-radius, --tlr-focus.
 */
export const CSS = `
:host{display:block;contain:content}
:host([hidden]){display:none}
.w{all:initial;display:block;box-sizing:border-box;font-family:var(--tlr-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:var(--tlr-font-size,16px);line-height:1.5;color:var(--tlr-color,#1f2937);background:var(--tlr-bg,transparent);text-align:left;letter-spacing:normal;text-transform:none;word-spacing:normal}
.w *,.w *::before,.w *::after{box-sizing:border-box}
h2{font-size:1.25em;margin:0 0 .5em;font-weight:700;color:inherit;font-family:inherit}
h3{font-size:1.05em;margin:0;font-weight:700;font-family:inherit}
h4{font-size:1em;margin:0;font-weight:700;font-family:inherit}
.days h3{margin:1em 0 .4em;text-transform:none}
.days h3::first-letter{text-transform:uppercase}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.5em 1em;margin:0 0 .75em}
.free{font-weight:700}
button.more{display:block;margin:1em auto 0}
button[hidden],label[hidden]{display:none}
button:disabled{opacity:.6;cursor:progress}
form{display:flex;flex-wrap:wrap;gap:.5em 1em;margin:0 0 .75em;padding:0}
label{display:flex;flex-direction:column;font-size:.85em;font-weight:600;gap:.2em;color:inherit}
input,select,button{font:inherit;font-size:1em;color:var(--tlr-color,#1f2937);background:var(--tlr-card-bg,#fff);border:1px solid var(--tlr-border,#9ca3af);border-radius:var(--tlr-radius,6px);padding:.35em .6em;margin:0;min-height:2.4em;text-transform:none;letter-spacing:normal}
label.q{flex:1 1 17em;max-width:28em}
input{width:100%;min-width:0}
select{max-width:100%}
button{cursor:pointer;background:var(--tlr-accent,#1d4ed8);color:var(--tlr-accent-contrast,#fff);border-color:transparent;font-weight:600}
a{color:var(--tlr-accent,#1d4ed8);text-decoration:underline;text-underline-offset:.15em}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid var(--tlr-focus,#f59e0b);outline-offset:2px}
ul{list-style:none;margin:0;padding:0;display:grid;gap:.75em;grid-template-columns:repeat(auto-fill,minmax(min(100%,17em),1fr))}
li{margin:0;padding:0}
article{height:100%;background:var(--tlr-card-bg,#fff);border:1px solid var(--tlr-border,#d1d5db);border-radius:var(--tlr-radius,6px);padding:.8em 1em;display:flex;flex-direction:column;gap:.3em}
p{margin:0}
.m{color:var(--tlr-muted,#4b5563);font-size:.9em}
.d{font-size:.92em}
.tags{display:flex;flex-wrap:wrap;gap:.3em}
.tag{font-size:.75em;border:1px solid var(--tlr-border,#d1d5db);border-radius:999px;padding:0 .6em}
.x{color:#fff;background:#b91c1c;border-radius:4px;padding:0 .4em;font-size:.8em;font-weight:700;align-self:flex-start}
.cx h3{text-decoration:line-through}
.links{display:flex;gap:1em;flex-wrap:wrap;margin-top:auto;padding-top:.3em}
.st{font-size:.9em;margin:0 0 .5em;color:var(--tlr-muted,#4b5563)}
.err{border:2px solid #b91c1c;border-radius:var(--tlr-radius,6px);padding:.75em 1em;display:flex;gap:1em;align-items:center;flex-wrap:wrap;color:var(--tlr-color,#1f2937)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;
