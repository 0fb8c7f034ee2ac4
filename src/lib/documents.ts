import { InputError } from './errors.js';
import { jsonInputError, parseJson, stripByteOrderMark } from './inputs.js';
import { parseStrictJson } from './strict-json.js';

/**
 * A document that may be JSON or YAML (task definitions). JSON is tried first, strictly (a text that
 * starts with `{` or `[` must be JSON); the YAML parser is
 * imported only when the text is not JSON, because it would otherwise be a fifth of every entry
 * point's start-up time (bench/startup) for the rare YAML file.
 */
export async function parseJsonOrYaml(name: string, text: string, where: string): Promise<unknown> {
  const clean = stripByteOrderMark(text);
  const json = parseStrictJson(clean);
  if (json.ok) return json.value;
  // Valid JSON with a key twice is refused, not read as YAML (which refuses it too, less clearly); and
  // what starts like JSON is meant as JSON: read as YAML flow, broken JSON would pass (`"cpu": 256m`).
  if (json.kind === 'duplicate-key' || /^\s*[[{]/.test(clean)) throw jsonInputError(name, where, json);
  const { parse, YAMLParseError } = await import('yaml');
  try {
    // Map keys must be unique in YAML too (`uniqueKeys` is on by default).
    return parse(clean, { prettyErrors: true, uniqueKeys: true });
  } catch (error) {
    if (!(error instanceof YAMLParseError)) throw error;
    // Said by its code and position only: the message quotes the document, which may hold a secret.
    const at = error.linePos?.[0];
    const position = at ? ` at line ${at.line}, column ${at.col}` : '';
    const problem = error.code.toLowerCase().replace(/_/g, ' ');
    throw new InputError(name, `${where} is neither valid JSON nor valid YAML (YAML: ${problem}${position})`, 'Fix the syntax');
  }
}

export { parseJson };
