import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's fixture folder: published examples copied from upstream projects (origin and licence
 * of each in fixtures/SOURCES.md) next to fixtures of our own. Every test and benchmark reads fixtures
 * through this one path.
 */
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** `fixturePath('github/octokit__webhooks/pull_request/opened.payload.json')` */
export function fixturePath(relative: string): string {
  return join(FIXTURES, relative);
}
