import type { Sandbox } from '../../sandbox/index.js';
import type { CallerRunResult } from '../../sandbox/runner/caller-workflow.js';
import type { StepRecord } from '../../sandbox/runner/workflow-steps.js';

/**
 * What the demo's story promises, checked as it goes: a broken promise (the bad release not rolled
 * back, production reached by it, the plan applied without its review) is printed where it happened
 * and makes the demo exit non-zero, so the demo is also a test of the whole suite.
 */
export class Expectations {
  readonly failed: string[] = [];

  check(what: string, ok: boolean, actual?: unknown): void {
    if (ok) return;
    const detail = actual === undefined ? '' : ` (got ${typeof actual === 'string' ? actual : JSON.stringify(actual)})`;
    this.failed.push(`${what}${detail}`);
    console.log(`\n✗ EXPECTED: ${what}${detail}`);
  }

  /** Each caller job's result, in order, against the expected ones. */
  results(run: CallerRunResult, expected: Record<string, string>): void {
    const actual = Object.fromEntries(Object.values(run.jobs).map((job) => [job.id, job.result]));
    this.check(`jobs end ${JSON.stringify(expected)}`, JSON.stringify(actual) === JSON.stringify(expected), actual);
  }
}

/** A step of a caller job by name (undefined when the job did not run or has no such step). */
export function stepOf(run: CallerRunResult, callerJob: string, name: string): StepRecord | undefined {
  return Object.values(run.jobs[callerJob]?.run?.jobs ?? {})
    .flatMap((job) => job.steps)
    .find((step) => step.name === name);
}

/** The task definition (family:revision) the service's PRIMARY deployment runs, and its rollout state. */
export function running(sandbox: Sandbox, cluster: string, service: string): { revision: string; state: string } {
  sandbox.admin.ecs.sync();
  const primary = sandbox.admin.ecs.services.get(`${cluster}/${service}`)?.deployments.find((d) => d.status === 'PRIMARY');
  return { revision: primary?.taskDefinitionArn.replace(/^.*\//, '') ?? 'none', state: primary?.rolloutState ?? 'none' };
}
