/**
 * `npm run sandbox [-- --time-scale N] [--port-base N] [--seed N]`: starts the sandbox on 127.0.0.1,
 * prints the environment to export, and runs until Ctrl-C.
 */
import { startSandbox, type SandboxServiceName } from './index.js';

const PORT_ORDER: SandboxServiceName[] = ['ecs', 'ecr', 'sts', 'elbv2', 'logs', 'oidc', 'github'];

function readNumber(args: string[], flag: string): number | undefined {
  const index = args.indexOf(flag);
  if (index === -1) return undefined;
  const value = Number(args[index + 1]);
  if (!Number.isFinite(value) || value <= 0) {
    console.error(`${flag} needs a positive number, got '${args[index + 1] ?? ''}'`);
    process.exit(2);
  }
  return value;
}

const args = process.argv.slice(2);
const known = new Set(['--time-scale', '--port-base', '--seed']);
const unknown = args.filter((arg, i) => arg.startsWith('--') && !known.has(arg) && !known.has(args[i - 1] ?? ''));
if (unknown.length > 0) {
  console.error(`unknown option ${unknown.join(', ')}; usage: npm run sandbox -- [--time-scale N] [--port-base N] [--seed N]`);
  process.exit(2);
}
const timeScale = readNumber(args, '--time-scale');
const portBase = readNumber(args, '--port-base');
const seed = readNumber(args, '--seed');
const ports = portBase === undefined ? {} : Object.fromEntries(PORT_ORDER.map((name, i) => [name, portBase + i]));

const sandbox = await startSandbox({ ...(timeScale ? { timeScale } : {}), ...(seed ? { seed } : {}), ports });
for (const [key, value] of Object.entries(sandbox.env)) console.log(`export ${key}=${JSON.stringify(value)}`);
console.error(`# sandbox running (time scale ${timeScale ?? 1}); Ctrl-C to stop`);

const shutdown = () => {
  void sandbox.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
