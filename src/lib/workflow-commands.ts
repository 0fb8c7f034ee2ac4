import { EOL } from 'node:os';

/**
 * The two workflow commands every entry point may need before its inputs are known to be valid:
 * `::error::` and `::add-mask::`. They are written here rather than through @actions/core because
 * loading @actions/core also loads its HTTP client (undici), which alone triples a bundle's cold
 * start (bench/startup); everything after input validation uses @actions/core as usual.
 * Format: https://docs.github.com/actions/reference/workflow-commands-for-github-actions
 */
export function issueCommand(command: 'error' | 'add-mask', message: string): void {
  process.stdout.write(`::${command}::${escapeData(message)}${EOL}`);
}

/** The escaping @actions/core applies to command data, so multi-line text stays one command line. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
