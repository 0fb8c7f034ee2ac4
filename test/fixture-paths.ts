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

/** The AWS services whose official botocore models are in fixtures/aws-models (origin in fixtures/SOURCES.md). */
export const AWS_MODEL_NAMES = ['ecs', 'ecr', 'sts', 'elbv2', 'logs', 'codedeploy', 'cloudwatch'] as const;
export type AwsModelName = (typeof AWS_MODEL_NAMES)[number];

/** `awsModelPath('ecs')`: botocore's `service-2.json` of that service. */
export function awsModelPath(name: AwsModelName): string {
  return join(FIXTURES, 'aws-models', `${name}.service-2.json`);
}
