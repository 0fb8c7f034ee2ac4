import {
  DescribeServiceDeploymentsCommand,
  ListServiceDeploymentsCommand,
  type Service,
  DescribeServiceRevisionsCommand,
  StopServiceDeploymentCommand,
  type ServiceDeployment,
} from '@aws-sdk/client-ecs';
import { errorMessage } from '../errors.js';
import { AccessDeniedError, awsCall, awsErrorName, classifyAwsError } from '../aws-call.js';
import type { EcsDeps, ServiceRef } from './deps.js';

/**
 * The service-deployment API (2024): one record per deployment with its status, rollback and
 * circuit-breaker/alarm state, and the service revisions with the image digests that actually ran.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceDeployments.html
 */

/** Errors that mean "this endpoint or role cannot use the service-deployment API": fall back to deployments[]. */
const UNSUPPORTED = new Set(['UnknownOperationException', 'UnsupportedFeatureException', 'InvalidAction']);

/** The record, or 'unavailable' when the API cannot be used (then deployments[] is the oracle, with a warning). */
export async function describeServiceDeployment(arn: string, ref: ServiceRef, deps: EcsDeps): Promise<ServiceDeployment | 'unavailable'> {
  try {
    const response = await awsCall(deps, `describe service deployment ${arn}`, 'ecs:DescribeServiceDeployments', () =>
      deps.ecs.send(new DescribeServiceDeploymentsCommand({ serviceDeploymentArns: [arn] })),
    );
    const found = response.serviceDeployments?.find((sd) => sd.serviceDeploymentArn === arn) ?? response.serviceDeployments?.[0];
    if (found) return found;
    deps.log.warning(
      `ECS did not return service deployment ${arn} (${response.failures?.[0]?.reason ?? 'no reason'}); following deployments[] of service ${ref.service} instead`,
    );
    return 'unavailable';
  } catch (error: unknown) {
    const cause = error instanceof Error ? error.cause : undefined;
    if (error instanceof AccessDeniedError || classifyAwsError(cause) === 'access-denied' || UNSUPPORTED.has(awsErrorName(cause) ?? '')) {
      deps.log.warning(
        `${errorMessage(error)}. Following deployments[] of service ${ref.service} instead; grant ecs:DescribeServiceDeployments for rollback and circuit-breaker details`,
      );
      return 'unavailable';
    }
    throw error;
  }
}

/** Asks ECS to roll an in-flight deployment back to the revision it replaced. */
export async function stopWithRollback(arn: string, deps: EcsDeps): Promise<void> {
  await awsCall(deps, `stop service deployment ${arn} with rollback`, 'ecs:StopServiceDeployment', () =>
    deps.ecs.send(new StopServiceDeploymentCommand({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })),
  );
}

/** Container name → image digest of a service revision: what actually runs, not the tag that was asked for. */
export async function revisionImages(revisionArn: string, deps: EcsDeps): Promise<Record<string, string>> {
  const response = await awsCall(deps, `describe service revision ${revisionArn}`, 'ecs:DescribeServiceRevisions', () =>
    deps.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [revisionArn] })),
  );
  const images: Record<string, string> = {};
  for (const image of response.serviceRevisions?.[0]?.containerImages ?? []) {
    if (image.containerName)
      images[image.containerName] = image.imageDigest
        ? `${image.image?.replace(/[@:][^/]*$/, '') ?? ''}@${image.imageDigest}`.replace(/^@/, '')
        : (image.image ?? '');
  }
  return images;
}

/**
 * The service deployment an UpdateService just created: `currentServiceDeployment` in its answer,
 * else (older endpoints) the newest one listed for the service, accepted only when it targets our
 * task definition. Undefined means: follow deployments[] instead.
 */
export async function serviceDeploymentFor(
  updated: Service | undefined,
  ref: ServiceRef,
  taskDefinitionArn: string,
  deps: EcsDeps,
): Promise<string | undefined> {
  if (updated?.currentServiceDeployment) return updated.currentServiceDeployment;
  try {
    const listed = await awsCall(deps, `list service deployments of ${ref.service}`, 'ecs:ListServiceDeployments', () =>
      deps.ecs.send(new ListServiceDeploymentsCommand({ cluster: ref.cluster, service: ref.service, maxResults: 5 })),
    );
    const newest = [...(listed.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
    if (!newest?.serviceDeploymentArn || !newest.targetServiceRevisionArn) return undefined;
    const revisions = await awsCall(
      deps,
      `describe service revision ${newest.targetServiceRevisionArn}`,
      'ecs:DescribeServiceRevisions',
      () => deps.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: [newest.targetServiceRevisionArn ?? ''] })),
    );
    return revisions.serviceRevisions?.[0]?.taskDefinition === taskDefinitionArn ? newest.serviceDeploymentArn : undefined;
  } catch (error: unknown) {
    const cause = error instanceof Error ? error.cause : undefined;
    if (error instanceof AccessDeniedError || classifyAwsError(cause) === 'access-denied' || UNSUPPORTED.has(awsErrorName(cause) ?? '')) {
      deps.log.warning(`${errorMessage(error)}. Following deployments[] of service ${ref.service} instead`);
      return undefined;
    }
    throw error;
  }
}
