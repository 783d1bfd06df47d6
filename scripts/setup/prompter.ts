/**
 * Questions on a terminal, or on scripted input (a pipe, a test): lines are queued as they
 * arrive, so answers written before their question are never lost (readline's `question`
 * drops them on a pipe). Secret answers are not echoed on a terminal. The end of the input
 * ends the session with a clear message instead of waiting forever.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

export class InputClosedError extends Error {
  constructor() {
    super('Entrée terminée avant la fin des questions : rien n’a été enregistré.');
  }
}

export class Prompter {
  private readonly lines: string[] = [];
  private readonly waiting: ((line: string | undefined) => void)[] = [];
  private closed = false;
  private muted = false;

  constructor(
    input: Readable,
    private readonly output: Writable,
  ) {
    const tty = Boolean((input as { isTTY?: boolean }).isTTY);
    // On a terminal readline echoes what is typed through `output`; muting it hides secrets.
    const rl = createInterface({
      input,
      output: tty ? (new MutableOutput(output, () => this.muted) as unknown as Writable) : undefined,
      terminal: tty,
    });
    rl.on('line', (line) => {
      const w = this.waiting.shift();
      if (w) w(line);
      else this.lines.push(line);
    });
    rl.on('close', () => {
      this.closed = true;
      for (const w of this.waiting.splice(0)) w(undefined);
    });
  }

  say(text = ''): void {
    this.output.write(`${text}\n`);
  }

  /** One answer, trimmed. `secret`: not echoed on a terminal. */
  async ask(question: string, opts: { secret?: boolean } = {}): Promise<string> {
    this.output.write(question);
    this.muted = Boolean(opts.secret);
    const line = this.lines.length ? this.lines.shift() : this.closed ? undefined : await new Promise<string | undefined>((r) => this.waiting.push(r));
    this.muted = false;
    if (opts.secret) this.output.write('\n');
    if (line === undefined) throw new InputClosedError();
    return line.trim();
  }

  /** Oui / non; Enter gives `byDefault`. */
  async confirm(question: string, byDefault: boolean): Promise<boolean> {
    for (let i = 0; i < 3; i++) {
      const a = (await this.ask(`${question} ${byDefault ? '[O/n]' : '[o/N]'} `)).toLowerCase();
      if (!a) return byDefault;
      if (['o', 'oui', 'y', 'yes'].includes(a)) return true;
      if (['n', 'non', 'no'].includes(a)) return false;
      this.say('Répondez « o » (oui) ou « n » (non).');
    }
    throw new Error('Pas de réponse claire après trois essais : rien n’a été enregistré.');
  }
}

/** Passes terminal output through, except what readline echoes while a secret is typed. */
class MutableOutput {
  constructor(
    private readonly target: Writable,
    private readonly isMuted: () => boolean,
  ) {}
  write(chunk: string | Uint8Array): boolean {
    if (this.isMuted()) return true;
    return this.target.write(chunk);
  }
  on(): this {
    return this;
  }
  once(): this {
    return this;
  }
  emit(): boolean {
    return false;
  }
  get columns(): number {
    return (this.target as { columns?: number }).columns ?? 80;
  }
}
