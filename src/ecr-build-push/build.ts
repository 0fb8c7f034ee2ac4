import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KeyValue } from '../lib/inputs.js';
import { buildxBuildArgs, type BuildPlan } from './build-command.js';
import { parseBuildMetadataText, type BuildMetadata } from './buildx-metadata.js';
import { lastLines, type DockerCli } from './docker-cli.js';
import { parseJsonText } from './json-shape.js';

/**
 * Runs one `docker buildx build --push`. Build secrets are written to files only this process can
 * read and passed by path, so their values never reach a command line; the files and the metadata
 * file live in a private temporary directory that is removed afterwards, whatever happens.
 */

export type PlanWithoutFiles = Omit<BuildPlan, 'secretFiles' | 'metadataFile'>;

export interface BuildResult {
  metadata: BuildMetadata;
  /** The metadata file's JSON, for the `metadata` output. */
  rawMetadata: unknown;
  durationMs: number;
}

export async function runBuild(
  docker: DockerCli,
  plan: PlanWithoutFiles,
  secrets: readonly KeyValue[],
  tempRoot: string,
  now: () => number = Date.now,
): Promise<BuildResult> {
  const dir = mkdtempSync(join(tempRoot, 'ecr-build-push-'));
  try {
    const secretFiles = secrets.map((secret, index) => {
      const path = join(dir, `secret-${index}`);
      writeFileSync(path, secret.value, { mode: 0o600 });
      return { id: secret.key, path };
    });
    const metadataFile = join(dir, 'metadata.json');
    const started = now();
    const result = await docker.run(buildxBuildArgs({ ...plan, secretFiles, metadataFile }));
    const durationMs = now() - started;
    if (result.exitCode !== 0)
      throw new Error(`docker buildx build failed (exit code ${result.exitCode}): ${explainBuildFailure(result.stderr || result.stdout)}`);
    let text: string;
    try {
      text = readFileSync(metadataFile, 'utf8');
    } catch {
      throw new Error('docker buildx build succeeded but wrote no --metadata-file: buildx 0.6 or newer is needed');
    }
    const where = 'the buildx metadata file';
    return { metadata: parseBuildMetadataText(text, where), rawMetadata: parseJsonText(text, where), durationMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Known push failures get their fix; anything else is docker's own last words. */
export function explainBuildFailure(output: string): string {
  const tail = lastLines(output);
  if (/tag invalid|already exists and cannot be overwritten|ImageTagAlreadyExistsException/i.test(output)) {
    return `${tail} — the repository is IMMUTABLE and one of the tags already exists; push a new tag (the commit SHA is one) or make the repository mutable`;
  }
  if (/no basic auth credentials|unauthorized|authentication required|denied/i.test(output)) {
    return `${tail} — the registry refused the push; the role needs ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage and ecr:BatchCheckLayerAvailability on the repository (or the token lacks packages: write)`;
  }
  return tail;
}
