import { isMapping } from '@actions/workflow-parser';
import type { ReusableWorkflowJob, WorkflowJob } from '@actions/workflow-parser/model/workflow-template';
import { evaluateMapping, evaluateToken, isTruthy, type Contexts } from './workflow-expressions.js';
import {
  githubContext,
  inOrder,
  parseReusableWorkflow,
  resolveInputs,
  runWorkflowCall,
  tokenAt,
  type JobRecord,
  type WorkflowCall,
  type WorkflowRunResult,
} from './workflow-runner.js';
import type { OwnActionStandIn } from './workflow-steps.js';

/**
 * A caller workflow — what a team keeps in its own repository (`on: push`, `pull_request`,
 * `workflow_dispatch`) — run the way GitHub runs it: GitHub's parser reads it, each job calls one of
 * this repository's reusable workflows (`uses: <owner>/ecs-delivery/.github/workflows/<file>@<ref>`,
 * run from this checkout by workflow-runner.ts) with its evaluated `with:` and `secrets:`; jobs run in
 * `needs` order, each job's `if` decides, and a job's outputs are the called workflow's outputs.
 * Refused as GitHub refuses them: an event the workflow does not run on, a reusable job asking for a
 * permission its caller did not grant, a secret the called workflow does not declare.
 */

export interface CallerRun {
  /** The caller workflow, relative to the project (e.g. `examples/http-echo/.github/workflows/deploy.yml`). */
  file: string;
  eventName: string;
  event: Record<string, unknown>;
  /** workflow_dispatch inputs, as the "Run workflow" form gives them. */
  inputs?: Record<string, string | boolean | number>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** The runner machine's environment for every step. */
  env: Record<string, string>;
  workspace: string;
  /** github.* values that differ from the defaults (sha, ref, repository…). */
  github?: Record<string, unknown>;
  /** Called as each job of a called workflow starts: the OIDC claims follow the job and the workflow ref. */
  onJobStart?: (job: JobRecord, called: { callerJob: string; workflowRef: string }) => void;
  ownStandIns?: Record<string, OwnActionStandIn>;
  /** Called after each caller job, for a live account of the run (the demo prints from here). */
  onJobEnd?: (job: CallerJobRecord) => void;
}

export interface CallerJobRecord {
  id: string;
  /** The reusable workflow's ref as written in `uses:`. */
  uses: string;
  result: 'success' | 'failure' | 'skipped';
  /** The evaluated `with:` values. */
  with: Record<string, string>;
  outputs: Record<string, string>;
  /** The called workflow's run, when the job ran. */
  run?: WorkflowRunResult;
}

export interface CallerRunResult {
  jobs: Record<string, CallerJobRecord>;
}

const REUSABLE_REF = /^[\w.-]+\/ecs-delivery\/(\.github\/workflows\/[\w.-]+\.ya?ml)@([\w./-]+)$/;
const LEVEL: Record<string, number> = { none: 0, read: 1, write: 2 };

export async function runCallerWorkflow(call: CallerRun): Promise<CallerRunResult> {
  const workflow = await parseReusableWorkflow(call.file);
  if (workflow.template.events[call.eventName] === undefined)
    throw new Error(`${call.file} does not run on ${call.eventName} (it runs on ${Object.keys(workflow.template.events).join(', ')})`);
  const dispatchInputs =
    call.eventName === 'workflow_dispatch'
      ? resolveInputs(workflow.template.events.workflow_dispatch?.inputs ?? {}, call.inputs ?? {})
      : {};
  const base: Contexts = {
    inputs: dispatchInputs,
    secrets: call.secrets ?? {},
    vars: call.vars ?? {},
    github: githubContext({ ...call, event: call.eventName === 'workflow_dispatch' ? { inputs: dispatchInputs } : call.event }),
  };
  const jobs: Record<string, CallerJobRecord> = {};
  for (const job of inOrder<WorkflowJob>(workflow.template.jobs)) {
    const id = job.id.value;
    if (job.type !== 'reusableWorkflowJob')
      throw new Error(`${call.file}: job ${id} has steps; caller workflows here only call reusable workflows`);
    if (job.strategy) throw new Error(`${call.file}: job ${id} has a strategy (matrix), which this runner does not expand`);
    const needs = Object.fromEntries(
      (job.needs ?? []).map((n) => [n.value, { outputs: jobs[n.value]?.outputs ?? {}, result: jobs[n.value]?.result ?? 'skipped' }]),
    );
    const context: Contexts = { ...base, needs };
    const withValues = evaluateMapping(job['input-values'], context);
    const record: CallerJobRecord = { id, uses: job.ref.value, result: 'skipped', with: withValues, outputs: {} };
    jobs[id] = record;
    const needsFailed = Object.values(needs).some((n) => n.result !== 'success');
    if (isTruthy(evaluateToken(job.if, context, needsFailed))) {
      record.run = await callReusable(call, job, workflow.root, context, withValues);
      record.outputs = record.run.outputs;
      record.result = Object.values(record.run.jobs).some((j) => j.result === 'failure') ? 'failure' : 'success';
    }
    call.onJobEnd?.(record);
  }
  return { jobs };
}

async function callReusable(
  call: CallerRun,
  job: ReusableWorkflowJob,
  root: Parameters<typeof tokenAt>[0],
  context: Contexts,
  withValues: Record<string, string>,
): Promise<WorkflowRunResult> {
  const id = job.id.value;
  const ref = REUSABLE_REF.exec(job.ref.value);
  if (!ref?.[1]) throw new Error(`job ${id}: uses ${job.ref.value}, not <owner>/ecs-delivery/.github/workflows/<file>@<ref>`);
  const file = ref[1];
  const called = await parseReusableWorkflow(file);
  checkPermissions(id, evaluateMapping(tokenAt(root, 'jobs', id, 'permissions'), context), called.root, file);
  const declaredSecrets = called.template.events.workflow_call?.secrets ?? {};
  const secrets = job['inherit-secrets'] ? (call.secrets ?? {}) : evaluateMapping(job['secret-values'], context);
  for (const name of Object.keys(secrets))
    if (!job['inherit-secrets'] && !(name in declaredSecrets)) throw new Error(`job ${id}: ${file} declares no secret '${name}'`);
  const workflowCall: WorkflowCall = {
    file,
    inputs: withValues,
    secrets,
    vars: call.vars ?? {},
    env: call.env,
    eventName: call.eventName,
    event: call.event,
    workspace: call.workspace,
    ...(call.github ? { github: call.github } : {}),
    ...(call.ownStandIns ? { ownStandIns: call.ownStandIns } : {}),
    onJobStart: (started) => call.onJobStart?.(started, { callerJob: id, workflowRef: job.ref.value }),
  };
  return runWorkflowCall(workflowCall);
}

/** GitHub refuses the run when a called job asks for more than the calling job grants. */
function checkPermissions(
  callerJob: string,
  granted: Record<string, string>,
  calledRoot: Parameters<typeof tokenAt>[0],
  file: string,
): void {
  const jobsToken = tokenAt(calledRoot, 'jobs');
  if (!jobsToken || !isMapping(jobsToken)) return;
  for (const pair of jobsToken) {
    const asked = evaluateMapping(tokenAt(pair.value, 'permissions'), {});
    for (const [scope, level] of Object.entries(asked)) {
      if ((LEVEL[level] ?? 0) > (LEVEL[granted[scope] ?? 'none'] ?? 0))
        throw new Error(
          `job ${callerJob}: the nested job '${pair.key.toString()}' of ${file} is requesting '${scope}: ${level}', but is only allowed '${scope}: ${granted[scope] ?? 'none'}'`,
        );
    }
  }
}
