import { shortTaskDefinition } from '../lib/arn.js';
import { DeploymentFailedError, errorMessage } from '../lib/errors.js';
import type { EcsActionDeps } from '../lib/ecs/aws-clients.js';
import { serviceConsoleUrl, resourceName } from '../lib/ecs/console-links.js';
import { timelineMarkdown } from '../lib/ecs/timeline.js';
import { escapeMarkdown, inlineCode, markdownTable } from '../lib/summary.js';
import { deployServices, MultiDeployRecord, type MultiServiceInputs, type ServiceOutcome } from './multi-service.js';

/**
 * ecs-deploy with several services, from the outside: deploy them together, then the outputs (the
 * shared ones, plus `services`, one JSON entry per service), a job summary with one row per service,
 * and the step's verdict.
 */
export async function runMultiServiceDeploy(inputs: MultiServiceInputs, deps: EcsActionDeps): Promise<void> {
  const record = new MultiDeployRecord(deps.clock);
  try {
    await deployServices(inputs, deps, record);
  } catch (error: unknown) {
    record.status = 'failed';
    record.reason = record.reason ? `${record.reason}. Then: ${errorMessage(error)}` : errorMessage(error);
    throw error;
  } finally {
    deps.destroy();
    writeMultiOutputs(record, deps);
    await deps.summary.append(multiServiceSummary(inputs, record));
  }
  if (record.status !== 'succeeded')
    throw new DeploymentFailedError(record.reason ?? `the deployment ended ${record.status}`, undefined, record.status);
}

export function writeMultiOutputs(record: MultiDeployRecord, deps: Pick<EcsActionDeps, 'setOutput'>): void {
  deps.setOutput('status', record.status);
  deps.setOutput('task-definition-arn', record.taskDefinitionArn ?? '');
  // One deployment per service: the per-service values are in `services`; the one-service outputs stay empty.
  for (const name of ['deployment-id', 'service-deployment-arn', 'hook-id', 'rollback-task-definition-arn', 'run-task-arn'])
    deps.setOutput(name, '');
  deps.setOutput('images', '{}');
  deps.setOutput(
    'services',
    JSON.stringify(
      record.services.map((s) => ({
        service: s.service,
        status: s.status,
        'deployment-id': s.deploymentId ?? '',
        'previous-task-definition-arn': s.previousTaskDefinitionArn ?? '',
        'rollback-task-definition-arn': s.rollbackTaskDefinitionArn ?? '',
      })),
    ),
  );
}

const HEADLINE: Record<string, string> = {
  succeeded: '✅ Deployed',
  'rolled-back': '↩️ Failed and rolled back',
  failed: '❌ Failed',
};

const STATUS_CELL: Record<ServiceOutcome['status'], string> = {
  succeeded: '✅ deployed',
  updated: '🔄 updated, not waited for',
  failed: '❌ failed',
  'rolled-back': '↩️ rolled back',
  'not-updated': '— not updated',
};

export function multiServiceSummary(inputs: MultiServiceInputs, record: MultiDeployRecord): string {
  const parts = [
    `## ecs-deploy: ${HEADLINE[record.status] ?? record.status} — ${record.services.length || inputs.services.length} services in ${escapeMarkdown(resourceName(inputs.cluster))}`,
  ];
  if (record.reason) parts.push(`> ${escapeMarkdown(record.reason)}`);
  if (record.taskDefinitionArn)
    parts.push(
      `Task definition ${inlineCode(shortTaskDefinition(record.taskDefinitionArn))}${record.registered ? ' (registered now, once for every service)' : ' (existing revision)'}`,
    );
  const rows = record.services.map((s) => [
    `[${escapeMarkdown(s.service)}](${serviceConsoleUrl(inputs.region, inputs.cluster, s.service)})`,
    STATUS_CELL[s.status],
    s.previousTaskDefinitionArn ? inlineCode(shortTaskDefinition(s.previousTaskDefinitionArn)) : '—',
    s.deploymentId ? inlineCode(s.deploymentId) : '—',
    s.rollbackTaskDefinitionArn ? inlineCode(shortTaskDefinition(s.rollbackTaskDefinitionArn)) : '—',
    s.reason ? escapeMarkdown(s.reason) : '',
  ]);
  if (rows.length > 0) parts.push(markdownTable(['service', 'status', 'before', 'deployment', 'rolled back to', 'why'], rows));
  const timeline = timelineMarkdown(record.timeline, record.startedAt);
  if (timeline) parts.push(timeline);
  return `${parts.join('\n\n')}\n`;
}
