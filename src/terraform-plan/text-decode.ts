/**
 * Turns plan files as they arrive into clean text. `terraform show` redirected by Windows PowerShell
 * (`>`) writes UTF-16LE with a BOM and CRLF line ends; coloured plan output carries ANSI escapes.
 */

/** CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles). */
const ANSI_PATTERN = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI_PATTERN, '');
}

/** Decodes by BOM; without one, a NUL in every other byte still gives UTF-16 away. */
export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return buffer.subarray(2).toString('utf16le');
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return swapBytes(buffer.subarray(2)).toString('utf16le');
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return buffer.subarray(3).toString('utf8');
  if (buffer.length >= 4 && buffer[1] === 0 && buffer[3] === 0 && buffer[0] !== 0) return buffer.toString('utf16le');
  if (buffer.length >= 4 && buffer[0] === 0 && buffer[2] === 0 && buffer[1] !== 0) return swapBytes(buffer).toString('utf16le');
  return buffer.toString('utf8');
}

function swapBytes(buffer: Buffer): Buffer {
  const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
  return copy.swap16();
}

/** LF line ends, no BOM, no colour: what every parser and renderer downstream expects. */
export function cleanText(text: string): string {
  return stripAnsi(text.replace(/^\uFEFF/, '')).replace(/\r\n?/g, '\n');
}

/** Bytes of a plan file (JSON or text) to clean text. */
export function readPlanBytes(bytes: Uint8Array): string {
  return cleanText(decodeText(bytes));
}
