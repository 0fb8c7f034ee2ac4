import { rmSync } from 'node:fs';

/** Jest globalTeardown: removes the run's temporary folder that global-setup.ts created. */
export default function globalTeardown(): void {
  const folder = process.env.ECS_DELIVERY_TEST_TMPDIR;
  if (folder) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}
