/**
 * `npm run --silent sandbox -- [--config FILE] [--exports-file PATH] [--time-scale N] [--port-base N] [--seed N]`:
 * starts the sandbox on 127.0.0.1 and runs until Ctrl-C. Standard output carries only the
 * `export NAME='value'` lines, so it can be redirected and sourced; everything else goes to
 * standard error.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyConfig } from './config/apply-config.js';
import { loadConfigFile, type SandboxConfig } from './config/load-config.js';
import { startSandbox, type SandboxServiceName } from './index.js';

const PORT_ORDER: SandboxServiceName[] = ['ecs', 'ecr', 'sts', 'elbv2', 'logs', 'oidc', 'github', 'codedeploy'];

const USAGE = `usage: npm run --silent sandbox -- [options]

  --config FILE       create the roles, clusters, target groups, task definitions, services and ECR
                      repositories FILE declares (YAML, or JSON for *.json); see sandbox/config.default.yml.
                      Without it the sandbox starts empty: no role to assume, no cluster, no service.
  --exports-file PATH  also write the export lines to PATH once the sandbox is ready (removed on exit)
  --time-scale N      sandbox seconds per real second (default 1)
  --port-base N       fixed ports N..N+7 for ${PORT_ORDER.join(', ')} (default: free ports)
  --seed N            seed for generated ids, addresses and tokens (default 1)
  --help              this text

Standard output is only the export lines (npm's --silent keeps its banner out), so
  npm run --silent sandbox -- --config sandbox/config.default.yml > sandbox.env
writes a file to source; progress goes to standard error.`;

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

function positive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) fail(`--${flag} needs a positive number, got '${text}'`);
  return value;
}

/** Single-quoted for sh: nothing inside is expanded when the file is sourced. */
const shellQuote = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

let parsed;
try {
  parsed = parseArgs({
    options: {
      config: { type: 'string' },
      'exports-file': { type: 'string' },
      'time-scale': { type: 'string' },
      'port-base': { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error: unknown) {
  fail(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
if (parsed.help) {
  console.error(USAGE);
  process.exit(0);
}
const timeScale = positive('time-scale', parsed['time-scale']);
const portBase = positive('port-base', parsed['port-base']);
const seed = positive('seed', parsed.seed);
const exportsFile = parsed['exports-file'];

// The whole file is checked before any port is opened.
let config: SandboxConfig | undefined;
try {
  config = parsed.config === undefined ? undefined : loadConfigFile(parsed.config);
} catch (error: unknown) {
  fail(error instanceof Error ? error.message : String(error));
}

const ports = portBase === undefined ? {} : Object.fromEntries(PORT_ORDER.map((name, i) => [name, portBase + i]));
const sandbox = await startSandbox({ ...(timeScale ? { timeScale } : {}), ...(seed ? { seed } : {}), ports });
if (config) {
  try {
    for (const line of applyConfig(sandbox, config)) console.error(`# ${line}`);
  } catch (error: unknown) {
    await sandbox.stop();
    fail(`--config ${parsed.config ?? ''}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const exports = Object.entries(sandbox.env)
  .map(([key, value]) => `export ${key}=${shellQuote(value)}\n`)
  .join('');
if (exportsFile !== undefined) {
  // Written whole and then renamed, so whoever waits for the file never sources half of it.
  writeFileSync(`${exportsFile}.partial`, exports, { mode: 0o600 });
  renameSync(`${exportsFile}.partial`, exportsFile);
}
process.stdout.write(exports);
console.error(
  `# sandbox running (time scale ${timeScale ?? 1}${config ? `, config ${parsed.config ?? ''}` : ', no --config: empty'}); Ctrl-C to stop`,
);

const shutdown = () => {
  if (exportsFile !== undefined) rmSync(exportsFile, { force: true });
  void sandbox.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
