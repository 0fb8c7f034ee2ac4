/**
 * Just enough XML to read back what the sandbox's query protocols write (sandbox/core/xml.ts and
 * protocols.ts): elements, text and the five predefined entities. Attributes are read past (only
 * `xmlns` occurs); a malformed document throws, which the model check reports as a violation.
 */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_all, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? '';
  });
}

export function parseXml(document: string): XmlElement {
  const root: XmlElement = { name: '#document', children: [], text: '' };
  const stack: XmlElement[] = [root];
  const token = /<\?[^>]*\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=>/]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = token.exec(document)) !== null) {
    end = token.lastIndex;
    const [whole, closing, name, , selfClosing, text] = match;
    const top = stack[stack.length - 1] as XmlElement;
    if (whole.startsWith('<?')) continue;
    if (text !== undefined) {
      top.text += unescape(text);
    } else if (closing) {
      if (top.name !== name) throw new Error(`</${name ?? ''}> closes <${top.name}>`);
      stack.pop();
    } else {
      const element: XmlElement = { name: name ?? '', children: [], text: '' };
      top.children.push(element);
      if (!selfClosing) stack.push(element);
    }
  }
  if (end !== document.length) throw new Error(`unreadable XML at offset ${end}`);
  if (stack.length !== 1) throw new Error(`<${stack[stack.length - 1]?.name ?? ''}> is never closed`);
  const [element, ...rest] = root.children;
  if (!element || rest.length > 0) throw new Error('an XML document has exactly one root element');
  return element;
}
