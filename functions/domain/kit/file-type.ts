/**
 * What a file really is, from its first bytes: the declared Content-Type is never
 * trusted (a "PNG" that is an HTML page would otherwise be served as one).
 */
import type { KitFileType } from '../../../schemas/kit.js';

/** How many leading bytes `sniffFileType` looks at (what a ranged read of a stored object fetches). */
export const SNIFF_BYTES = 8192;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
const startsWith = (b: Uint8Array, sig: number[]) => sig.every((x, i) => b[i] === x);

function isUtf8Text(b: Uint8Array): boolean {
  if (b.includes(0)) return false;
  try {
    // A multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, b.length - 4 > 0 ? b.length - 4 : b.length));
    return true;
  } catch {
    return false;
  }
}

const ODF: Record<string, KitFileType> = {
  'application/vnd.oasis.opendocument.text': 'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.presentation': 'application/vnd.oasis.opendocument.presentation',
  'application/vnd.oasis.opendocument.spreadsheet': 'application/vnd.oasis.opendocument.spreadsheet',
};

function sniffZip(b: Uint8Array): KitFileType | undefined {
  // ODF puts an uncompressed `mimetype` entry first; its content names the document type.
  if (ascii(b, 30, 38) === 'mimetype') {
    const m = /^application\/vnd\.oasis\.opendocument\.(text|presentation|spreadsheet)/.exec(ascii(b, 38, 38 + 60));
    return m ? ODF[m[0]] : undefined;
  }
  const head = ascii(b, 0, Math.min(b.length, 8192));
  if (!head.includes('[Content_Types].xml') && !/(word|ppt|xl)\//.test(head)) return undefined;
  if (head.includes('word/')) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (head.includes('ppt/')) return 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
  if (head.includes('xl/')) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return undefined;
}

/**
 * The type the bytes show, among the accepted ones, or undefined. Text types cannot be
 * told apart from their bytes (TXT and MD), nor SVG from XML: `declared` settles those.
 */
export function sniffFileType(b: Uint8Array, declared: KitFileType): KitFileType | undefined {
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(b, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP') return 'image/webp';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(b);
  if (!isUtf8Text(b)) return undefined;
  const text = new TextDecoder().decode(b).replace(/^\uFEFF/, '');
  const lead = text.replace(/^(\s|<\?xml[^>]*\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/i, '');
  if (/^<svg[\s>]/i.test(lead)) return 'image/svg+xml';
  // Markup that is not an SVG (an HTML page…) is never accepted as text.
  if (/^<(!doctype|html|head|body|script|iframe|\?xml)/i.test(lead)) return undefined;
  return declared === 'text/markdown' ? 'text/markdown' : 'text/plain';
}
