import { posix } from 'node:path';
import { moduleSpecifiers, type SourceFile } from './import-rules.js';

/**
 * Import cycles among a tree's files. Type-only imports count too: a cycle of types still means
 * two modules that can only be understood (and changed) together, and it turns into a runtime
 * cycle the day one of the type imports becomes a value import. A shared type or constant belongs
 * in a leaf module both import; a callback belongs in a parameter.
 */

/** The file a relative specifier names (`./x.js` → `x.ts`, `./dir/index.js` …), if it is one of `known`. */
function resolve(from: string, specifier: string, known: ReadonlySet<string>): string | undefined {
  const target = posix.normalize(posix.join(posix.dirname(from), specifier));
  const candidates = [target.replace(/\.js$/, '.ts'), `${target}.ts`, `${target}/index.ts`];
  return candidates.find((candidate) => known.has(candidate));
}

/** Each file's imports of other files in the set. */
export function importGraph(files: readonly SourceFile[]): Map<string, string[]> {
  const known = new Set(files.map((file) => file.path));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = moduleSpecifiers(file)
      .map(({ specifier }) => (specifier?.startsWith('.') ? resolve(file.path, specifier, known) : undefined))
      .filter((target): target is string => target !== undefined);
    graph.set(file.path, [...new Set(targets)].sort());
  }
  return graph;
}

/**
 * The strongly connected components with a cycle in them (Tarjan), each sorted, the list sorted:
 * every file that sits on some import cycle appears in exactly one of them.
 */
export function importCycles(files: readonly SourceFile[]): string[][] {
  const graph = importGraph(files);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let counter = 0;

  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    const selfImport = graph.get(node)?.includes(node) ?? false;
    if (component.length > 1 || selfImport) cycles.push(component.sort());
  };

  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}
