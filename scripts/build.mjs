#!/usr/bin/env node
// Bundles every action entry point (src/<name>/main.ts, src/<name>/post.ts) into dist/ as ESM:
// tsc compiles the sources once, then ncc bundles each entry with its dependencies.
// `--check` builds into a scratch folder and fails when the committed dist/ differs.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');
// ncc derives chunk names from module paths, so the scratch folder must be the same on every run for
// the output to be reproducible. Builds started side by side therefore wait for each other (a lock),
// and a build swaps each action's bundle into dist/ at once, so tests never see a half-written dist/.
const scratch = join(root, '.build', 'scratch');
const compiled = join(scratch, 'js');
const outRoot = join(scratch, 'dist');
const dist = join(root, 'dist');
const bin = (name) => join(root, 'node_modules', '.bin', name);

function entryPoints() {
  const src = join(root, 'src');
  return readdirSync(src)
    .filter((name) => name !== 'lib' && existsSync(join(src, name, 'main.ts')))
    .flatMap((name) => [
      { name, source: 'main', out: join(outRoot, name) },
      ...(existsSync(join(src, name, 'post.ts')) ? [{ name, source: 'post', out: join(outRoot, name, 'post') }] : []),
    ]);
}

function listFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map((file) => join(dir, String(file)))
    .filter((file) => statSync(file).isFile())
    .map((file) => relative(dir, file))
    .sort();
}

function compareTrees(expectedDir, actualDir) {
  const expected = listFiles(expectedDir);
  const actual = listFiles(actualDir);
  const problems = [];
  for (const file of new Set([...expected, ...actual])) {
    if (!actual.includes(file)) problems.push(`missing from dist/: ${file}`);
    else if (!expected.includes(file)) problems.push(`not built from source (stale?): dist/${file}`);
    else if (!readFileSync(join(expectedDir, file)).equals(readFileSync(join(actualDir, file)))) problems.push(`differs: dist/${file}`);
  }
  return problems;
}

function acquireLock() {
  const lock = join(root, '.build', 'lock');
  mkdirSync(join(root, '.build'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'pid'), String(process.pid));
      process.on('exit', () => rmSync(lock, { recursive: true, force: true }));
      return;
    } catch {
      const owner = Number(existsSync(join(lock, 'pid')) ? readFileSync(join(lock, 'pid'), 'utf8') : 0);
      if (owner && !isAlive(owner)) rmSync(lock, { recursive: true, force: true });
      else Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
    }
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

acquireLock();
rmSync(scratch, { recursive: true, force: true });
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json', '--outDir', compiled], { cwd: root, stdio: 'inherit' });

for (const entry of entryPoints()) {
  mkdirSync(entry.out, { recursive: true });
  const input = join(compiled, 'src', entry.name, `${entry.source}.js`);
  execFileSync(bin('ncc'), ['build', input, '-o', entry.out, '--minify', '--target', 'es2022', '--quiet'], { cwd: root, stdio: 'inherit' });
  console.log(`built ${relative(outRoot, entry.out)}/index.js`);
}

// ncc minifies only the entry file; the chunks it splits off at dynamic imports (the AWS SDK,
// @actions/core) come out unminified and would more than double each action's size.
for (const file of listFiles(outRoot).filter((name) => /(^|\/)\d+\.index\.js$/.test(name))) {
  const path = join(outRoot, file);
  const result = await minify(readFileSync(path, 'utf8'), { module: true, ecma: 2022, compress: true, mangle: true });
  writeFileSync(path, result.code ?? '');
}

if (check) {
  const problems = compareTrees(outRoot, dist);
  rmSync(scratch, { recursive: true, force: true });
  if (problems.length > 0) {
    console.error(`dist/ is not what the source builds. Run 'npm run build' and commit dist/.\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('dist/ matches the source');
} else {
  mkdirSync(dist, { recursive: true });
  const built = readdirSync(outRoot);
  for (const name of readdirSync(dist)) if (!built.includes(name)) rmSync(join(dist, name), { recursive: true, force: true });
  for (const name of built) {
    rmSync(join(dist, name), { recursive: true, force: true });
    renameSync(join(outRoot, name), join(dist, name));
  }
  rmSync(scratch, { recursive: true, force: true });
}
