import { DescribeServiceRevisionsCommand, type ServiceDeployment, type ServiceRevision, type Task } from '@aws-sdk/client-ecs';
import { errorMessage } from '../lib/errors.js';
import { awsCall } from '../lib/aws-call.js';
import type { EcsDeps, ServiceRef } from '../lib/ecs/deps.js';
import { describeTasks, listTaskArns } from '../lib/ecs/stopped-tasks.js';
import type { DeployRecord } from './deploy-record.js';
import { describeTaskDefinition } from '../lib/ecs/task-definitions.js';
import { requestedImages } from './register.js';

/**
 * The images for the report, read once at the end of a run: what runs now (digests) and what ran
 * before (the previous revision's images). The running tasks the health checks described give the
 * digests (record.images, filled by settleWatch) at no cost; when the service-deployment record was
 * read, one DescribeServiceRevisions of its revisions answers what is still missing; otherwise the
 * running tasks are listed and the previous task definition gives the old images.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceRevisions.html
 */
export async function reportImages(
  ref: ServiceRef | undefined,
  sd: ServiceDeployment | undefined,
  record: DeployRecord,
  deps: EcsDeps,
  options: { deployed: boolean },
): Promise<void> {
  try {
    const target = options.deployed && Object.keys(record.images).length === 0 ? sd?.targetServiceRevision?.arn : undefined;
    const sources = (sd?.sourceServiceRevisions ?? []).map((r) => r.arn).filter((arn): arn is string => !!arn);
    const revisions = target || sources.length > 0 ? await describeRevisions([...(target ? [target] : []), ...sources], deps) : [];
    const previous = revisions.find((r) => r.serviceRevisionArn !== target && r.taskDefinition === record.previousTaskDefinitionArn);
    if (previous) record.previousImages = revisionImages(previous, false);
    const deployed = revisions.find((r) => r.serviceRevisionArn === target);
    if (deployed) record.images = revisionImages(deployed, true);

    if (options.deployed && ref && Object.keys(record.images).length === 0 && record.taskDefinitionArn)
      record.images = await runningImages(ref, record.taskDefinitionArn, deps);
    if (Object.keys(record.previousImages).length === 0 && record.previousTaskDefinitionArn)
      record.previousImages = requestedImages((await describeTaskDefinition(record.previousTaskDefinitionArn, deps)).containerDefinitions);
  } catch (error: unknown) {
    // The images are a report; the outcome of the deployment is already decided.
    deps.log.warning(`Could not read the image digests for the report: ${errorMessage(error)}`);
  }
}

async function describeRevisions(arns: string[], deps: EcsDeps): Promise<ServiceRevision[]> {
  const unique = [...new Set(arns)].slice(0, 20);
  const response = await awsCall(deps, `describe service revisions ${unique.join(', ')}`, 'ecs:DescribeServiceRevisions', () =>
    deps.ecs.send(new DescribeServiceRevisionsCommand({ serviceRevisionArns: unique })),
  );
  return response.serviceRevisions ?? [];
}

/** Container → `repository@digest` (what runs) or the image as the revision asked for it (what was requested). */
function revisionImages(revision: ServiceRevision, digests: boolean): Record<string, string> {
  const images: Record<string, string> = {};
  for (const image of revision.containerImages ?? []) {
    if (!image.containerName) continue;
    const repository = image.image?.replace(/[@:][^/]*$/, '') ?? '';
    images[image.containerName] =
      digests && image.imageDigest ? `${repository}@${image.imageDigest}`.replace(/^@/, '') : (image.image ?? '');
  }
  return images;
}

/** Without the service-deployment record: the digests the running tasks of our revision report. */
async function runningImages(ref: ServiceRef, taskDefinitionArn: string, deps: EcsDeps): Promise<Record<string, string>> {
  const tasks = await describeTasks(
    deps,
    ref.cluster,
    await listTaskArns(deps, ref.cluster, { serviceName: ref.service, desiredStatus: 'RUNNING' }),
  );
  return taskImages(tasks, taskDefinitionArn);
}

/** Container → `repository@digest` that the tasks of `taskDefinitionArn` run (tasks already described, e.g. by the health checks). */
export function taskImages(tasks: Task[], taskDefinitionArn: string): Record<string, string> {
  const images: Record<string, string> = {};
  for (const task of tasks.filter((t) => t.taskDefinitionArn === taskDefinitionArn)) {
    for (const container of task.containers ?? []) {
      if (container.name && container.imageDigest)
        images[container.name] = `${(container.image ?? '').replace(/[@:][^/]*$/, '')}@${container.imageDigest}`.replace(/^@/, '');
    }
  }
  return images;
}
