import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ACTION_NODE, PROJECT_ROOT, runAction } from '../../sandbox/runner/run-action.js';

/**
 * Every bundle must start under the runner's Node: a bundle that builds but crashes on import
 * (an ESM-only package bundled as CommonJS is the known trap) fails here. With no inputs, each
 * action must end with exit code 1 and exactly one error line that names an input.
 */
const actionNames = readdirSync(join(PROJECT_ROOT, 'actions')).filter((name) =>
  existsSync(join(PROJECT_ROOT, 'actions', name, 'action.yml')),
);
const CRASH = /ERR_MODULE_NOT_FOUND|ERR_REQUIRE_ESM|SyntaxError|Cannot find module|ReferenceError|is not a function/;

describe(`bundles start under ${ACTION_NODE}`, () => {
  it.each(actionNames)('%s fails cleanly on missing inputs', async (name) => {
    const result = await runAction(name, {
      // Nowhere to connect to: a bundle that reached for AWS or GitHub before validating would fail differently.
      env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:9', GITHUB_API_URL: 'http://127.0.0.1:9' },
      skipPost: true,
      timeoutMs: 20_000,
    });
    expect(`${result.stdout}${result.stderr}`).not.toMatch(CRASH);
    expect(result.errors).toEqual([expect.stringMatching(/^Input '[a-z0-9-]+'/)]);
    expect(result.exitCode).toBe(1);
  });
});
