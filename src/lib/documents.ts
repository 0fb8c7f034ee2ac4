import { InputError } from './errors.js';
import { parseJson, stripByteOrderMark } from './inputs.js';

/**
 * A document that may be JSON or YAML (task definitions). JSON is tried first; the YAML parser is
 * imported only when the text is not JSON, because it would otherwise be a fifth of every entry
 * point's start-up time (bench/startup) for the rare YAML file.
 */
export async function parseJsonOrYaml(name: string, text: string, where: string): Promise<unknown> {
  const clean = stripByteOrderMark(text);
  try {
    return JSON.parse(clean);
  } catch {
    // Not JSON: try YAML below.
  }
  const { parse } = await import('yaml');
  try {
    return parse(clean, { prettyErrors: false });
  } catch (error) {
    const detail = (error as Error).message.split('\n')[0];
    throw new InputError(name, `${where} is neither valid JSON nor valid YAML (${detail})`, 'Fix the syntax');
  }
}

export { parseJson };
