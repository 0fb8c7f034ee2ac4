import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT, readActionMetadata } from '../../sandbox/runner/run-action.js';

/**
 * Each action's README input table says what its action.yml says: every input has exactly one row,
 * no row names an input that does not exist, and the default and required columns equal the
 * declaration. A value the code works out when the input is empty (a region from the environment,
 * a path from another input) is not a default: such a row leaves the column empty and says it in
 * the description.
 *
 * Tables have a first column `input` and either a `required` column (yes/no) and a `default`
 * column, or only `default`, where `**required**` marks a required input.
 */

interface Row {
  required: boolean;
  /** The default as action.yml would spell it, or undefined for an empty cell. */
  default?: string;
}

const actionNames = readdirSync(join(PROJECT_ROOT, 'actions')).filter((name) =>
  existsSync(join(PROJECT_ROOT, 'actions', name, 'README.md')),
);

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim());
}

/** The first table under the `## Inputs…` heading whose first column is `input`, by input name. */
export function readmeInputTable(readme: string): Map<string, Row> {
  const section = /^## Inputs.*\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(readme)?.[1];
  if (!section) throw new Error('no "## Inputs" section');
  const lines = section.split('\n');
  const start = lines.findIndex((line) => /^\|\s*input\s*\|/.test(line));
  if (start < 0) throw new Error('no table with a first column "input" in the Inputs section');
  const header = cells(lines[start] ?? '');
  const requiredColumn = header.indexOf('required');
  const defaultColumn = header.indexOf('default');
  if (defaultColumn < 0) throw new Error('the input table has no "default" column');
  const rows = new Map<string, Row>();
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const row = cells(line);
    const name = /^`([^`]+)`$/.exec(row[0] ?? '')?.[1];
    if (!name) throw new Error(`the row "${line}" does not name exactly one input in backticks`);
    if (rows.has(name)) throw new Error(`input ${name} has two rows`);
    const defaultCell = row[defaultColumn] ?? '';
    const markedRequired = defaultCell === '**required**';
    const code = /^`([^`]*)`$/.exec(defaultCell)?.[1];
    if (defaultCell !== '' && !markedRequired && code === undefined) {
      throw new Error(`input ${name}: default "${defaultCell}" is neither empty, **required** nor one \`value\``);
    }
    const requiredCell = requiredColumn < 0 ? undefined : row[requiredColumn];
    if (requiredCell !== undefined && !['yes', 'no'].includes(requiredCell))
      throw new Error(`input ${name}: required is "${requiredCell}"`);
    rows.set(name, { required: requiredCell === 'yes' || markedRequired, ...(code !== undefined ? { default: code } : {}) });
  }
  return rows;
}

function declaredInputs(name: string): Map<string, Row> {
  const inputs = (readActionMetadata(name).inputs ?? {}) as Record<string, { required?: boolean; default?: unknown }>;
  return new Map(
    Object.entries(inputs).map(([input, spec]) => [
      input,
      { required: spec.required === true, ...(spec.default !== undefined ? { default: String(spec.default) } : {}) },
    ]),
  );
}

describe.each(actionNames)('actions/%s/README.md', (name) => {
  const readme = readFileSync(join(PROJECT_ROOT, 'actions', name, 'README.md'), 'utf8');

  it('lists exactly the inputs of action.yml, with its defaults and required flags', () => {
    expect(Object.fromEntries(readmeInputTable(readme))).toEqual(Object.fromEntries(declaredInputs(name)));
  });
});

describe('the table reader', () => {
  const table = (rows: string) => `# x\n\n## Inputs\n\n| input | default | description |\n| --- | --- | --- |\n${rows}\n\n## Outputs\n`;

  it('reads defaults, required marks and empty cells', () => {
    expect(Object.fromEntries(readmeInputTable(table('| `a` | **required** | A |\n| `b` | `x` | B |\n| `c` | | C |')))).toEqual({
      a: { required: true },
      b: { required: false, default: 'x' },
      c: { required: false },
    });
  });

  it('refuses a default that is prose, and a row that names two inputs', () => {
    expect(() => readmeInputTable(table('| `a` | AWS_REGION from the environment | A |'))).toThrow('default "AWS_REGION');
    expect(() => readmeInputTable(table('| `a` / `b` | | A |'))).toThrow('does not name exactly one input');
  });
});
