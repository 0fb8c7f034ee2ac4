import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import ts from 'typescript';

/**
 * The layering rule of src/: an action folder (`src/<action>/`) imports only itself and `src/lib`;
 * `src/lib` imports no action. What two actions share lives in `src/lib`, so no action can break
 * another by changing its own files, and lib never drags an action into another action's bundle.
 */

export interface SourceFile {
  /** Path relative to src/, with forward slashes: `ecs-deploy/run.ts`. */
  path: string;
  text: string;
}

export interface ImportViolation {
  file: string;
  specifier: string;
  problem: string;
}

/** Every module specifier of a file: static imports, `export … from`, `import x = require()` and `import()`. */
export function moduleSpecifiers(file: SourceFile): { specifier: string | undefined; line: number }[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string | undefined; line: number }[] = [];
  const add = (node: ts.Node, expression: ts.Expression | undefined) => {
    const specifier = expression && ts.isStringLiteralLike(expression) ? expression.text : undefined;
    found.push({ specifier, line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1 });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) add(node, node.moduleSpecifier);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) add(node, node.argument.literal as ts.Expression);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The top folder of a path under src/: an action's name, `lib`, or '' for a file directly in src/. */
function area(path: string): string {
  const at = path.indexOf('/');
  return at < 0 ? '' : path.slice(0, at);
}

export function importViolations(files: readonly SourceFile[]): ImportViolation[] {
  const violations: ImportViolation[] = [];
  for (const file of files) {
    const from = area(file.path);
    for (const { specifier, line } of moduleSpecifiers(file)) {
      const where = `${file.path}:${line}`;
      if (specifier === undefined) {
        violations.push({
          file: where,
          specifier: '(computed)',
          problem: 'an import() whose module is not a string literal cannot be checked',
        });
        continue;
      }
      if (!specifier.startsWith('.')) continue;
      const target = posix.normalize(posix.join(posix.dirname(file.path), specifier));
      if (target.startsWith('../')) {
        violations.push({ file: where, specifier, problem: 'imports from outside src/' });
        continue;
      }
      const to = area(target);
      if (to === from || to === 'lib') continue;
      violations.push({
        file: where,
        specifier,
        problem:
          from === 'lib'
            ? `src/lib imports the action ${to}: move what both need into src/lib`
            : `the action ${from} imports the action ${to}: move what both need into src/lib`,
      });
    }
  }
  return violations;
}

/** Every .ts file under `root`, with paths relative to it. */
export function readSources(root: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts'))
        files.push({ path: relative(root, path).split('\\').join('/'), text: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}
