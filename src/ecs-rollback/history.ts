import { DescribeServiceRevisionsCommand, ListServiceDeploymentsCommand, type ServiceRevision } from '@aws-sdk/client-ecs';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';

/**
 * The service's deployment history from the service-deployment API: one entry per deployment, newest
 * first, with the task definition and the image digests its service revision ran. This is where
 * "the last good revision" comes from; DescribeServices only remembers the deployments still active.
 * ListServiceDeployments: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ListServiceDeployments.html
 * DescribeServiceRevisions: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceRevisions.html
 */

export interface DeploymentEntry {
  serviceDeploymentArn: string;
  /** PENDING, IN_PROGRESS, SUCCESSFUL, STOPPED, ROLLBACK_* … as ECS reports it. */
  status: string;
  statusReason?: string;
  createdAt?: Date;
  finishedAt?: Date;
  targetServiceRevisionArn?: string;
  taskDefinitionArn?: string;
  /** Container name → image by digest, as the service revision recorded it. */
  images: Record<string, string>;
}

/** How far back the history is read: enough for the summary and to find a good revision after a run of bad ones. */
export const HISTORY_DEPTH = 50;
/** DescribeServiceRevisions accepts at most 20 ARNs per call. */
const REVISIONS_PER_CALL = 20;

export async function readDeploymentHistory(ref: ServiceRef, deps: EcsDeps, depth = HISTORY_DEPTH): Promise<DeploymentEntry[]> {
  const listed = await awsCall(
    deps,
    `list the deployments of service ${ref.service} in cluster ${ref.cluster}`,
    'ecs:ListServiceDeployments',
    () => deps.ecs.send(new ListServiceDeploymentsCommand({ cluster: ref.cluster, service: ref.service, maxResults: depth })),
  );
  // ECS documents no order for the list: sort it, newest first.
  const briefs = [...(listed.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0));
  const revisionArns = [...new Set(briefs.map((b) => b.targetServiceRevisionArn).filter((arn): arn is string => !!arn))];
  const revisions = await describeRevisions(revisionArns, deps);
  return briefs
    .filter((brief) => brief.serviceDeploymentArn)
    .map((brief) => {
      const revision = brief.targetServiceRevisionArn ? revisions.get(brief.targetServiceRevisionArn) : undefined;
      return {
        serviceDeploymentArn: brief.serviceDeploymentArn ?? '',
        status: brief.status ?? 'UNKNOWN',
        ...(brief.statusReason ? { statusReason: brief.statusReason } : {}),
        ...(brief.createdAt ? { createdAt: brief.createdAt } : {}),
        ...(brief.finishedAt ? { finishedAt: brief.finishedAt } : {}),
        ...(brief.targetServiceRevisionArn ? { targetServiceRevisionArn: brief.targetServiceRevisionArn } : {}),
        ...(revision?.taskDefinition ? { taskDefinitionArn: revision.taskDefinition } : {}),
        images: revision ? revisionImages(revision) : {},
      };
    });
}

/** Service revisions by ARN, in as few calls as the API allows. */
export async function describeRevisions(arns: string[], deps: EcsDeps): Promise<Map<string, ServiceRevision>> {
  const found = new Map<string, ServiceRevision>();
  for (let start = 0; start < arns.length; start += REVISIONS_PER_CALL) {
    const batch = arns.slice(start, start + REVISIONS_PER_CALL);
    const response = await awsCall(deps, `describe ${batch.length} service revision(s)`, 'ecs:DescribeServiceRevisions', () =>
      deps.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: batch })),
    );
    for (const revision of response.serviceRevisions ?? [])
      if (revision.serviceRevisionArn) found.set(revision.serviceRevisionArn, revision);
  }
  return found;
}

/** `repository@sha256:…` per container: what actually ran, not the tag that was asked for. */
export function revisionImages(revision: ServiceRevision): Record<string, string> {
  const images: Record<string, string> = {};
  for (const image of revision.containerImages ?? []) {
    if (!image.containerName) continue;
    const repository = image.image?.replace(/[@:][^/]*$/, '') ?? '';
    images[image.containerName] = image.imageDigest ? `${repository}@${image.imageDigest}`.replace(/^@/, '') : (image.image ?? '');
  }
  return images;
}

export function isInFlight(entry: DeploymentEntry | undefined): boolean {
  return entry?.status === 'PENDING' || entry?.status === 'IN_PROGRESS';
}

export function isEcsRollingBack(entry: DeploymentEntry | undefined): boolean {
  return entry?.status === 'ROLLBACK_REQUESTED' || entry?.status === 'ROLLBACK_IN_PROGRESS';
}

/**
 * The default target: the newest SUCCESSFUL deployment older than the current one whose task
 * definition differs from the one the service runs now (going "back" to what already runs would
 * change nothing).
 */
export function lastGoodBefore(
  history: DeploymentEntry[],
  current: DeploymentEntry | undefined,
  running: string | undefined,
): DeploymentEntry | undefined {
  const start = current ? history.indexOf(current) + 1 : 0;
  return history
    .slice(start)
    .find((entry) => entry.status === 'SUCCESSFUL' && entry.taskDefinitionArn && entry.taskDefinitionArn !== running);
}

/** Whether the revision ever completed a deployment of this service (within the history read). */
export function reachedSteadyState(history: DeploymentEntry[], taskDefinitionArn: string): boolean {
  return history.some((entry) => entry.status === 'SUCCESSFUL' && entry.taskDefinitionArn === taskDefinitionArn);
}
