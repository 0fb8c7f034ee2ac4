/**
 * The runner's secret masker, as the GitHub Actions runner (actions/runner) implements it, so the
 * harness shows a log the way the UI does. Sources, in actions/runner:
 * - `src/Runner.Worker/ActionCommandManager.cs`, `AddMaskCommandExtension`: a whitespace-only value
 *   only draws a warning; otherwise the whole value is added, and (PR #1521, "Add masks for
 *   multiline secrets from ::add-mask::") each line of it too, split on CR and LF, empty lines
 *   dropped, each trimmed.
 * - `src/Runner.Common/HostContext.cs` registers value encoders, so every added value is also masked
 *   in these spellings: base64 (and base64 of the value without its first one or two bytes, for
 *   `base64(user:password)`), the expression-string escape (`'` doubled), the JSON string escape,
 *   URI data escape (RFC 3986, `Uri.EscapeDataString`), XML escape, and the value without
 *   surrounding double quotes when it is longer than 8 characters.
 * - `src/Sdk/DTLogging/Logging/SecretMasker.cs` `MaskSecrets`: every occurrence of every value is
 *   found (ordinal, case-sensitive), overlapping ranges merge, each range becomes `***`.
 * - `src/Runner.Worker/ExecutionContext.cs` masks each line when it is written: a value masks only
 *   the lines written after its `::add-mask::` line, and the masker lives for the whole job.
 */
export class SecretMasker {
  private readonly values = new Set<string>();

  /** What `::add-mask::<value>` does; returns false when the runner would only warn (blank value). */
  addMask(value: string): boolean {
    if (value.trim() === '') return false;
    this.addValue(value);
    for (const line of value.split(/[\r\n]/)) if (line !== '') this.addValue(line.trim());
    return true;
  }

  /** Masks one log line with the values registered so far. */
  mask(line: string): string {
    const ranges: [number, number][] = [];
    for (const value of this.values) {
      for (let at = line.indexOf(value); at >= 0; at = line.indexOf(value, at + 1)) ranges.push([at, at + value.length]);
    }
    if (ranges.length === 0) return line;
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const [start, end] of ranges) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    let masked = '';
    let done = 0;
    for (const [start, end] of merged) {
      masked += `${line.slice(done, start)}***`;
      done = end;
    }
    return masked + line.slice(done);
  }

  private addValue(value: string): void {
    if (value === '' || this.values.has(value)) return;
    this.values.add(value);
    for (const encoded of encodings(value)) if (encoded !== '') this.values.add(encoded);
  }
}

function encodings(value: string): string[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64Shifted = (shift: number) => (bytes.length > shift ? bytes.subarray(shift) : bytes).toString('base64');
  return [
    bytes.toString('base64'),
    base64Shifted(1),
    base64Shifted(2),
    value.replace(/'/g, "''"),
    JSON.stringify(value).slice(1, -1),
    uriDataEscape(value),
    value.replace(/[<>"'&]/g, (c) => XML_ESCAPES[c] ?? c),
    value.length > 8 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : '',
  ];
}

function uriDataEscape(value: string): string {
  try {
    // encodeURIComponent leaves !'()* alone; Uri.EscapeDataString (RFC 3986) escapes them.
    return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return ''; // a lone surrogate: .NET would substitute it; such a value does not reach a log line intact anyway
  }
}

const XML_ESCAPES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;', '&': '&amp;' };
