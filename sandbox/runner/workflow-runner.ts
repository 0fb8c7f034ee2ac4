import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  NoOperationTraceWriter,
  convertWorkflowTemplate,
  isMapping,
  isSequence,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import type { Job, Step } from '@actions/workflow-parser/model/workflow-template';
import type { MappingToken } from '@actions/workflow-parser/templates/tokens/mapping-token';
import type { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import { PROJECT_ROOT } from './run-action.js';
import { evaluateMapping, evaluateToken, isTruthy, type Contexts } from './workflow-expressions.js';
import { runStep, type OwnActionStandIn, type StepRecord } from './workflow-steps.js';

/**
 * A small runner for the reusable workflows, used by the tests and the demo (caller workflows, whose
 * jobs call these, run through caller-workflow.ts). GitHub's own parser (@actions/workflow-parser)
 * reads and validates the file against the workflow schema and converts it (parseWorkflow +
 * convertWorkflowTemplate); GitHub's expression engine evaluates every `${{ }}`. The runner then does
 * what a GitHub runner does with the result: workflow_call inputs with their defaults, jobs in `needs`
 * order, each job's `if`, environment (approved or rejected by its required reviewers) and
 * concurrency, its steps in order (see step-runner.ts), the job outputs and the workflow outputs.
 * The converter drops a few keys it has no model for (a step's `with:` and `working-directory`, a
 * job's `permissions`, workflow_call `outputs`); those are read from the same parser's token tree,
 * by key, never from hand-parsed YAML.
 */

export interface ParsedWorkflow {
  template: WorkflowTemplate;
  root: MappingToken;
  text: string;
}

export interface WorkflowCall {
  /** Path under the project, e.g. `.github/workflows/deploy.yml`. */
  file: string;
  inputs: Record<string, string | boolean | number>;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  /** The runner machine's environment for every step (sandbox endpoints, OIDC URL, …). */
  env: Record<string, string>;
  eventName: string;
  event: Record<string, unknown>;
  workspace: string;
  /** Called when a job starts, with its evaluated environment: the OIDC token's claims follow it. */
  onJobStart?: (job: JobRecord) => void;
  /** Stand-ins for this repository's actions, by name (see workflow-steps.ts). */
  ownStandIns?: Record<string, OwnActionStandIn>;
  /** github.* values that differ from the defaults (sha, ref, repository, actor…). */
  github?: Record<string, unknown>;
  /**
   * Environments with required reviewers, by name, and what the reviewers do when a job reaches one:
   * `approved` runs the job, `rejected` fails it without running a step, as GitHub does. A function
   * decides when the job reaches the environment (a test can let time pass while the job waits).
   */
  reviews?: Record<string, Review | ((job: JobRecord) => Promise<Review>)>;
}

export type Review = 'approved' | 'rejected';

export interface JobRecord {
  id: string;
  environment?: string;
  concurrency?: { group: string; cancelInProgress: boolean };
  permissions: Record<string, string>;
  steps: StepRecord[];
  outputs: Record<string, string>;
  result: 'success' | 'failure' | 'skipped';
  /** What the required reviewers of the job's environment decided (WorkflowCall.reviews). */
  review?: Review;
}

export interface WorkflowRunResult {
  jobs: Record<string, JobRecord>;
  outputs: Record<string, string>;
}

export async function parseReusableWorkflow(file: string): Promise<ParsedWorkflow> {
  const text = readFileSync(join(PROJECT_ROOT, file), 'utf8');
  const parsed = parseWorkflow({ name: file, content: text }, new NoOperationTraceWriter());
  if (!parsed.value || !isMapping(parsed.value)) throw new Error(`${file} does not parse`);
  const template = await convertWorkflowTemplate(parsed.context, parsed.value);
  const errors = [...parsed.context.errors.getErrors().map((error) => error.message), ...(template.errors ?? []).map((e) => e.Message)];
  if (errors.length > 0) throw new Error(`${file} does not parse: ${errors.join('; ')}`);
  return { template, root: parsed.value, text };
}

/** A key's token in a mapping token (the parser's own lookup). */
export function tokenAt(token: TemplateToken | undefined, ...path: string[]): TemplateToken | undefined {
  let current = token;
  for (const key of path) current = current && isMapping(current) ? current.find(key) : undefined;
  return current;
}

export async function runWorkflowCall(call: WorkflowCall): Promise<WorkflowRunResult> {
  const workflow = await parseReusableWorkflow(call.file);
  const inputs = resolveInputs(workflow.template.events.workflow_call?.inputs ?? {}, call.inputs);
  const github = githubContext(call);
  const base: Contexts = { inputs, secrets: call.secrets ?? {}, github, vars: call.vars ?? {}, runner: { os: 'Linux', arch: 'X64' } };
  const workflowEnv = evaluateMapping(workflow.template.env, base);
  const jobs: Record<string, JobRecord> = {};
  for (const job of inOrder(workflow.template.jobs.filter((j): j is Job => j.type === 'job'))) {
    const id = job.id.value;
    const needs = Object.fromEntries(
      (job.needs ?? []).map((n) => [n.value, { outputs: jobs[n.value]?.outputs ?? {}, result: jobs[n.value]?.result ?? 'skipped' }]),
    );
    const context: Contexts = { ...base, needs, env: workflowEnv };
    const needsFailed = Object.values(needs).some((n) => n.result !== 'success');
    const record = startJob(id, job, workflow.root, context);
    jobs[id] = record;
    if (!isTruthy(evaluateToken(job.if, context, needsFailed))) {
      record.result = 'skipped';
      continue;
    }
    const review = record.environment === undefined ? undefined : call.reviews?.[record.environment];
    if (review !== undefined) {
      record.review = typeof review === 'function' ? await review(record) : review;
      if (record.review === 'rejected') {
        record.result = 'failure';
        continue;
      }
    }
    call.onJobStart?.(record);
    await runJob(job, record, workflow.root, context, call);
  }
  const jobsContext = Object.fromEntries(Object.entries(jobs).map(([id, j]) => [id, { outputs: j.outputs, result: j.result }]));
  return { jobs, outputs: workflowOutputs(tokenAt(workflow.root, 'on', 'workflow_call', 'outputs'), { ...base, jobs: jobsContext }) };
}

function startJob(id: string, job: Job, root: MappingToken, context: Contexts): JobRecord {
  const environment = job.environment ? evaluateToken(job.environment, context).coerceString() : undefined;
  const concurrency = job.concurrency ? evaluateMapping(job.concurrency, context) : undefined;
  return {
    id,
    ...(environment ? { environment } : {}),
    ...(concurrency
      ? { concurrency: { group: concurrency.group ?? '', cancelInProgress: concurrency['cancel-in-progress'] === 'true' } }
      : {}),
    permissions: evaluateMapping(tokenAt(root, 'jobs', id, 'permissions'), context),
    steps: [],
    outputs: {},
    result: 'success',
  };
}

async function runJob(job: Job, record: JobRecord, root: MappingToken, context: Contexts, call: WorkflowCall): Promise<void> {
  const steps: NonNullable<Contexts['steps']> = {};
  const exported: Record<string, string> = {};
  const jobEnv = { ...context.env, ...evaluateMapping(job.env, context) };
  const rawSteps = tokenAt(root, 'jobs', record.id, 'steps');
  // One RUNNER_TEMP per job, as on a runner: a file one step writes there (ecs-render's output) is
  // read by a later step, and file inputs are accepted only inside the workspace or RUNNER_TEMP.
  const runnerTemp = mkdtempSync(join(tmpdir(), 'workflow-job-temp-'));
  try {
    await runSteps();
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true });
  }
  record.outputs = evaluateMapping(job.outputs, { ...context, env: jobEnv, steps });

  async function runSteps(): Promise<void> {
    for (const [index, step] of job.steps.entries()) {
      const raw = rawSteps && isSequence(rawSteps) ? rawSteps.get(index) : undefined;
      const stepContext: Contexts = { ...context, env: { ...jobEnv, ...exported }, steps, job: { status: record.result } };
      const started = Date.now();
      const outcome = await runStep(step as Step & { if: NonNullable<Step['if']> }, raw, stepContext, record.result === 'failure', {
        env: { RUNNER_TEMP: runnerTemp, ...call.env, ...exported },
        eventName: call.eventName,
        event: call.event,
        workspace: call.workspace,
        ...(call.ownStandIns ? { ownStandIns: call.ownStandIns } : {}),
      });
      outcome.durationMs = Date.now() - started;
      record.steps.push(outcome);
      if (outcome.id) steps[outcome.id] = { outputs: outcome.outputs, outcome: outcome.outcome, conclusion: outcome.outcome };
      Object.assign(exported, outcome.exportedEnv);
      if (outcome.outcome === 'failure') record.result = 'failure';
    }
  }
}

/** workflow_call (or workflow_dispatch) inputs: given values checked against the declarations, defaults applied, typed as GitHub types them. */
export function resolveInputs(
  declared: Record<string, { type?: unknown; default?: unknown; required?: boolean; options?: string[] }>,
  given: Record<string, string | boolean | number>,
): Record<string, unknown> {
  for (const name of Object.keys(given)) if (!(name in declared)) throw new Error(`the workflow declares no input '${name}'`);
  const inputs: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    // The model's InputType has no 'number', though the schema (and the converter) allow it.
    const type = String(spec.type);
    const fallback: unknown = spec.default;
    const value = given[name] ?? (typeof fallback === 'object' && fallback !== null ? String(fallback) : spec.default);
    if (value === undefined) {
      if (spec.required) throw new Error(`input '${name}' is required`);
      inputs[name] = type === 'boolean' ? false : type === 'number' ? 0 : '';
      continue;
    }
    if (type === 'choice' && !(spec.options ?? []).includes(String(value)))
      throw new Error(`input '${name}' is '${String(value)}', not one of its options (${(spec.options ?? []).join(', ')})`);
    inputs[name] = type === 'boolean' ? value === true || value === 'true' : type === 'number' ? Number(value) : String(value);
  }
  return inputs;
}

/** workflow_call outputs: each `<name>: { value: … }` evaluated with the `jobs` context. */
function workflowOutputs(token: TemplateToken | undefined, context: Contexts): Record<string, string> {
  const outputs: Record<string, string> = {};
  if (!token || !isMapping(token)) return outputs;
  for (const pair of token) {
    const value = tokenAt(pair.value, 'value');
    if (value) outputs[pair.key.toString()] = evaluateToken(value, context).coerceString();
  }
  return outputs;
}

export function githubContext(call: Pick<WorkflowCall, 'eventName' | 'event' | 'env' | 'workspace' | 'github'>): Record<string, unknown> {
  return {
    event_name: call.eventName,
    event: call.event,
    sha: '0d1a26e67d8f5eaf1f6ba5c57fc3c7d91ac0fd1c',
    ref: 'refs/heads/main',
    repository: 'octo-org/octo-service',
    repository_owner: 'octo-org',
    actor: 'octocat',
    triggering_actor: 'octocat',
    run_id: '1658821493',
    token: call.env.GITHUB_TOKEN ?? '',
    workspace: call.workspace,
    ...call.github,
  };
}

/** Jobs in an order that satisfies `needs` (the workflows here are small; a cycle is an error). */
export function inOrder<T extends Pick<Job, 'id' | 'needs'>>(jobs: T[]): T[] {
  const done = new Set<string>();
  const ordered: T[] = [];
  while (ordered.length < jobs.length) {
    const next = jobs.find((job) => !done.has(job.id.value) && (job.needs ?? []).every((n) => done.has(n.value)));
    if (!next) throw new Error('the jobs need each other in a cycle');
    done.add(next.id.value);
    ordered.push(next);
  }
  return ordered;
}
