import { parseClusterArn, parseServiceArn, parseTaskDefinitionArn, partitionOfRegion, type Arn } from './arn.js';
import { InputError } from './errors.js';
import { quoteValue } from './untrusted-text.js';

/**
 * ecs-deploy and ecs-rollback accept clusters, services and task definitions as names or ARNs. An
 * ARN carries a partition, region, account and (for a service) a cluster of its own; when these
 * contradict aws-region or each other, ECS answers with a confusing "not found" or acts on another
 * resource than the reviewer read. Checked here, before any AWS call, with the input named.
 */

export interface EcsTargetInputs {
  region: string;
  /** As given; undefined when the input was left at its default. */
  cluster?: string;
  service?: string;
  /** Task definition ARNs by input name (`task-definition`, `to`); names and files are left out. */
  taskDefinitionArns?: Record<string, string>;
}

/** The cluster to use: the `cluster` input, else the one a long-form service ARN names, else `default`. */
export function checkEcsTarget(inputs: EcsTargetInputs): string {
  const { region } = inputs;
  const clusterArn = inputs.cluster === undefined ? undefined : parseClusterArn(inputs.cluster);
  const serviceArn = inputs.service === undefined ? undefined : parseServiceArn(inputs.service);
  if (clusterArn) checkPlace('cluster', inputs.cluster ?? '', clusterArn, region);
  if (serviceArn) checkPlace('service', inputs.service ?? '', serviceArn, region);
  for (const [input, value] of Object.entries(inputs.taskDefinitionArns ?? {})) {
    const arn = parseTaskDefinitionArn(value);
    if (arn) checkPlace(input, value, arn, region);
  }
  const clusterName = clusterArn?.name ?? inputs.cluster;
  if (serviceArn?.cluster !== undefined && clusterName !== undefined && serviceArn.cluster !== clusterName) {
    throw new InputError(
      'service',
      `'${quoteValue(inputs.service ?? '')}' is a service of cluster ${serviceArn.cluster}, but cluster is ${clusterName}`,
      'Give the cluster the service runs in, or the service by name',
    );
  }
  if (clusterArn && serviceArn && clusterArn.account !== serviceArn.account) {
    throw new InputError(
      'service',
      `'${quoteValue(inputs.service ?? '')}' is in account ${serviceArn.account}, but the cluster ARN is in ${clusterArn.account}`,
      'Give the service and cluster of one account',
    );
  }
  return inputs.cluster ?? serviceArn?.cluster ?? 'default';
}

/** An ARN must lie in aws-region and its partition: ECS clients call one region only. */
function checkPlace(input: string, value: string, arn: Arn, region: string): void {
  const partition = partitionOfRegion(region);
  if (arn.partition !== partition) {
    throw new InputError(
      input,
      `'${quoteValue(value)}' is in partition ${arn.partition}, but aws-region ${region} is in ${partition}`,
      'Give an ARN of the partition the job deploys to, or set aws-region to match',
    );
  }
  if (arn.region !== region) {
    throw new InputError(
      input,
      `'${quoteValue(value)}' is in region ${arn.region}, but aws-region is ${region}`,
      `Set aws-region to ${arn.region}, or give the ARN of the resource in ${region}`,
    );
  }
}
