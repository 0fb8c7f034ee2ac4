/**
 * Object → XML for query-protocol responses (STS, ELBv2): object keys become elements as spelled,
 * arrays become `<member>` elements, Dates ISO-8601, everything else its string form.
 */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([key, v]) => `<${key}>${toXml(v)}</${key}>`)
      .join('');
  }
  return escapeXml(String(value));
}

/**
 * Form parameters → nested object: `Targets.member.1.Id=x` becomes `{ Targets: [{ Id: 'x' }] }`.
 * Values stay strings; handlers convert what they need.
 */
export function parseQueryParams(form: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of form) {
    if (key === 'Action' || key === 'Version') continue;
    const parts = key.split('.');
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < parts.length; i += 1) {
      const part = parts[i] ?? '';
      const isIndex = part === 'member' && /^\d+$/.test(parts[i + 1] ?? '');
      if (isIndex) continue; // handled together with the index that follows
      const slot: string | number = /^\d+$/.test(part) && parts[i - 1] === 'member' ? Number(part) - 1 : part;
      const last = i === parts.length - 1;
      const nextIsList = parts[i + 1] === 'member';
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[slot] = value;
      } else {
        container[slot] ??= nextIsList ? [] : {};
        node = container[slot] as Record<string, unknown> | unknown[];
      }
    }
  }
  return root;
}
