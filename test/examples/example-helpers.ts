import { DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient, type TaskDefinition } from '@aws-sdk/client-ecs';
import type { CallerRunResult } from '../../sandbox/runner/caller-workflow.js';
import type { Pipeline } from '../../sandbox/runner/example-pipeline.js';
import { PUSH_REPOSITORY } from '../../sandbox/runner/push-event.js';

/** What the example tests share: readable job and step lines, the service as ECS reports it, commits. */

/**
 * Per test and hook: a release runs a dozen steps (each a bundle started afresh) and real Terraform,
 * about 10 s on a quiet machine; this leaves room for a loaded one. Every step inside has its own limit.
 */
export const EXAMPLE_TIMEOUT_MS = 180_000;

/** A commit SHA per release, so each build is a different image. */
export function commit(n: number): string {
  return n.toString(16).padStart(2, '0').repeat(20);
}

/** `<caller job>/<called job>: <outcome> <step>` for every step that ran or was skipped. */
export function stepLines(run: CallerRunResult, callerJob: string): string[] {
  const called = run.jobs[callerJob]?.run;
  if (!called) return [`${callerJob}: ${run.jobs[callerJob]?.result ?? 'missing'}`];
  return Object.values(called.jobs).flatMap((job) => job.steps.map((step) => `${step.outcome}: ${step.name}`));
}

/** Each caller job's result, in order. */
export function results(run: CallerRunResult): Record<string, string> {
  return Object.fromEntries(Object.values(run.jobs).map((job) => [job.id, job.result]));
}

/** The step of a caller job by its name, for its inputs, outputs and log. */
export function stepOf(run: CallerRunResult, callerJob: string, name: string) {
  const steps = Object.values(run.jobs[callerJob]?.run?.jobs ?? {}).flatMap((job) => job.steps);
  const step = steps.find((s) => s.name === name);
  if (!step) throw new Error(`no step '${name}' in ${callerJob}: ${steps.map((s) => s.name).join(', ')}`);
  return step;
}

function ecsClient(pipeline: Pipeline): ECSClient {
  return new ECSClient({
    region: 'us-east-1',
    endpoint: pipeline.sandbox.endpoints.ecs,
    credentials: {
      accessKeyId: pipeline.sandbox.env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: pipeline.sandbox.env.AWS_SECRET_ACCESS_KEY ?? '',
    },
  });
}

/**
 * The service's PRIMARY deployment and the task definition it runs; for a CODE_DEPLOY service, its
 * PRIMARY task set (the one taking production traffic), whose stabilityStatus stands in for rolloutState.
 */
export async function running(
  pipeline: Pipeline,
  cluster: string,
  service: string,
): Promise<{ taskDefinitionArn: string; rolloutState: string; taskDefinition: TaskDefinition }> {
  const ecs = ecsClient(pipeline);
  try {
    const described = await ecs.send(new DescribeServicesCommand({ cluster, services: [service] }));
    const deployment = described.services?.[0]?.deployments?.find((d) => d.status === 'PRIMARY');
    const taskSet = described.services?.[0]?.taskSets?.find((set) => set.status === 'PRIMARY');
    const arn = deployment?.taskDefinition ?? taskSet?.taskDefinition ?? '';
    const { taskDefinition } = await ecs.send(new DescribeTaskDefinitionCommand({ taskDefinition: arn }));
    if (!taskDefinition) throw new Error(`no task definition ${arn}`);
    return { taskDefinitionArn: arn, rolloutState: deployment?.rolloutState ?? taskSet?.stabilityStatus ?? '', taskDefinition };
  } finally {
    ecs.destroy();
  }
}

/** The sticky plan comments on pull request `number`. */
export function planComments(pipeline: Pipeline, number: number): string[] {
  return pipeline.sandbox.admin.identity.github.comments(PUSH_REPOSITORY.owner, PUSH_REPOSITORY.name, number).map((c) => c.body);
}
