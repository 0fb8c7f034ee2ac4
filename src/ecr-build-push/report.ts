import { inlineCode, markdownTable } from '../lib/summary.js';
import type { BuildResult } from './build.js';
import { compactMetadata } from './buildx-metadata.js';
import type { EcrBuildPushInputs } from './inputs.js';
import type { VerifiedImage } from './verify.js';
import type { Runner } from '../lib/runner.js';

/** Outputs and job summary for a verified image, pushed now or found from an earlier run. */

export interface ImageFacts {
  inputs: EcrBuildPushInputs;
  registry: string;
  imageName: string;
  mutability: string | undefined;
  verified: VerifiedImage;
  pushed: boolean;
  cache: string;
  build?: BuildResult;
}

export interface ImageReport {
  /** `<registry>/<repository>@<digest>`: the reference ECS should run. */
  image: string;
  digest: string;
  tags: string[];
  platforms: string[];
  pushed: boolean;
}

export type ReportDeps = Pick<Runner, 'log' | 'setOutput' | 'summary'>;

export async function reportImage(facts: ImageFacts, deps: ReportDeps): Promise<ImageReport> {
  const { verified, imageName } = facts;
  const report: ImageReport = {
    image: `${imageName}@${verified.digest}`,
    digest: verified.digest,
    tags: facts.inputs.tags.map((tag) => `${imageName}:${tag}`),
    platforms: verified.images.map((image) => image.platform),
    pushed: facts.pushed,
  };
  for (const image of verified.images) deps.log.info(`  ${image.platform}: ${image.digest}`);
  if (verified.attestations.length > 0) {
    deps.log.info(
      `  ${verified.attestations.length} attestation manifest(s) (unknown/unknown), not images: ${verified.attestations.map((a) => a.digest).join(', ')}`,
    );
  }
  if (verified.unexpected.length > 0) deps.log.info(`  also holds platforms that were not requested: ${verified.unexpected.join(', ')}`);
  deps.log.info(`Image: ${report.image}`);

  deps.setOutput('image', report.image);
  deps.setOutput('digest', report.digest);
  deps.setOutput('tags', report.tags.join('\n'));
  deps.setOutput('platforms', report.platforms.join(','));
  deps.setOutput('pushed', String(report.pushed));
  deps.setOutput(
    'metadata',
    JSON.stringify(facts.build ? compactMetadata(facts.build.rawMetadata) : { 'containerimage.digest': verified.digest }),
  );
  await deps.summary.append(summaryMarkdown(facts, report));
  return report;
}

export function summaryMarkdown(facts: ImageFacts, report: ImageReport): string {
  const { verified } = facts;
  const rows: string[][] = [
    ['Image', inlineCode(report.image)],
    ['Result', facts.pushed ? 'built, pushed and verified' : 'already in the registry (immutable tag): verified, not rebuilt'],
    ['Media type', inlineCode(verified.mediaType)],
    ['Platforms', verified.images.map((image) => `${inlineCode(image.platform)} ${inlineCode(image.digest)}`).join('<br>')],
    ['Attestations', verified.attestations.length === 0 ? 'none' : `${verified.attestations.length} (unknown/unknown, not images)`],
    ['Tags', report.tags.map((tag) => inlineCode(tag)).join('<br>')],
    ['Cache', facts.cache],
    ['Build time', facts.build ? formatDuration(facts.build.durationMs) : '—'],
  ];
  if (facts.mutability) rows.push(['Tag mutability', facts.mutability]);
  return `### ecr-build-push: ${inlineCode(facts.inputs.repository)}\n\n${markdownTable(['', ''], rows)}\n`;
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}
