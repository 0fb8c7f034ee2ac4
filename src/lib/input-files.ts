import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';
import { quoteValue } from './untrusted-text.js';

/**
 * Where file inputs may point: the workspace (the repository checkout) and RUNNER_TEMP (where an
 * earlier step, e.g. ecs-render, writes a file for a later one). Anything else (`../../etc/passwd`,
 * a symlink in the repository pointing at the runner's home) is refused: a pull request must not
 * be able to make a deploy job read, and then quote in an error, a file outside its checkout.
 */
export interface FileRoots {
  /** The workspace; relative paths are resolved from it. Default: the current directory. */
  baseDir?: string;
  /** RUNNER_TEMP, also allowed. */
  runnerTemp?: string;
}

/** The roots for this job: GITHUB_WORKSPACE (else the current directory) and RUNNER_TEMP. */
export function fileRoots(env: NodeJS.ProcessEnv): FileRoots {
  return {
    ...(env.GITHUB_WORKSPACE ? { baseDir: env.GITHUB_WORKSPACE } : {}),
    ...(env.RUNNER_TEMP ? { runnerTemp: env.RUNNER_TEMP } : {}),
  };
}

export interface ResolveOptions extends FileRoots {
  /** What the path must be. Default: a file. */
  kind?: 'file' | 'directory';
  /** The fix said when nothing is found. */
  missingFix?: string;
}

/**
 * Resolves a path input to its real location (symlinks followed) and checks that it is inside the
 * workspace or RUNNER_TEMP and of the right kind. Every failure names the input; none reads the file.
 */
export function resolveInputPath(name: string, value: string, options: ResolveOptions = {}): string {
  const kind = options.kind ?? 'file';
  const workspace = options.baseDir ?? process.cwd();
  const shown = `'${quoteValue(value, 200)}'`;
  const path = isAbsolute(value) ? resolve(value) : resolve(workspace, value);
  const given = [workspace, options.runnerTemp].filter((root): root is string => Boolean(root));
  const roots = given.map(realRoot);
  const outside = (candidate: string) => !roots.some((root) => isInside(candidate, root));
  const refuse = (how: string): never => {
    throw new InputError(
      name,
      `${shown} ${how} outside the workspace`,
      'Give a path inside the repository checkout (GITHUB_WORKSPACE) or under RUNNER_TEMP; files elsewhere are not read',
    );
  };
  if (!existsSync(path)) {
    // "Outside" is said whether or not the file exists, so nobody can probe which files exist there.
    if (outside(realPrefix(path))) refuse('lies');
    throw new InputError(name, `${kind} ${shown} does not exist`, options.missingFix ?? 'Give a path relative to the workspace');
  }
  const real = realpathSync(path);
  if (outside(real)) {
    const linked = given.map((root) => resolve(root)).some((root) => isInside(path, root)) || !outside(path);
    refuse(linked ? 'is a symbolic link to a path' : 'lies');
  }
  const stats = statSync(real);
  if (kind === 'file' && !stats.isFile()) {
    throw new InputError(name, `${shown} is ${stats.isDirectory() ? 'a directory' : 'not a regular file'}`, 'Give the path of a file');
  }
  if (kind === 'directory' && !stats.isDirectory()) {
    throw new InputError(name, `${shown} is not a directory`, 'Give the path of a directory');
  }
  return real;
}

/** Reads a text file input checked by `resolveInputPath`; a read failure names the input, never the content. */
export function readInputFile(name: string, value: string, options: ResolveOptions = {}): string {
  const path = resolveInputPath(name, value, { ...options, kind: 'file' });
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'an I/O error';
    throw new InputError(name, `file '${quoteValue(value)}' cannot be read (${code})`, 'Check the file and its permissions');
  }
}

function realRoot(root: string): string {
  const absolute = resolve(root);
  return existsSync(absolute) ? realpathSync(absolute) : absolute;
}

/**
 * The real path of the longest existing prefix of `path`, plus the rest: a path whose file does not
 * exist yet is judged by where its existing parent really is (a symlinked directory included).
 */
function realPrefix(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!existsSync(existing)) {
    const parent = resolve(existing, '..');
    if (parent === existing) return path;
    rest.unshift(existing.slice(parent.length).replace(/^[\\/]/, ''));
    existing = parent;
  }
  return resolve(realpathSync(existing), ...rest);
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
