import { createGithubClient, type GithubClient, type IssueRef } from '../lib/github.js';
import type { Runner } from '../lib/runner.js';
import { redactSecrets } from '../lib/secrets.js';
import { STEP_SUMMARY_LIMIT_BYTES } from '../lib/summary.js';
import type { AnalyzedPlan } from './analyze.js';
import type { TerraformPlanInputs } from './inputs.js';
import { markerLine, type CommentIdentity, type ReviewRecord } from './marker.js';
import { obtainPlan, terraformOptions } from './obtain-plan.js';
import { errorOutput } from './plan-text.js';
import { publishComment, publishLabels } from './publish.js';
import { renderFailure, renderPlan, type SizeLimit } from './render-comment.js';
import { assertSamePlan, findReviewedPlan } from './reviewed-plan.js';
import { redactionNote } from './redact-plan.js';
import { applyPlanFile, firstError, type ExecFn } from './terraform-cli.js';

export interface TerraformPlanDeps {
  exec: ExecFn;
  createGithub?: (token: string, apiUrl: string) => GithubClient;
  log: Pick<Runner['log'], 'info' | 'warning'>;
  setOutput: Runner['setOutput'];
  summary: Runner['summary'];
}

const summaryLimit: SizeLimit = { limit: STEP_SUMMARY_LIMIT_BYTES - 1024, measure: (text) => Buffer.byteLength(text, 'utf8') };

function identityOf(inputs: TerraformPlanInputs): CommentIdentity {
  return {
    workflow: inputs.context.workflow,
    workingDirectory: inputs.workingDirectoryLabel,
    workspace: inputs.workspace,
    commentKey: inputs.commentKey,
  };
}

function recordOf(analyzed: AnalyzedPlan): ReviewRecord {
  return { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests };
}

function pullRequest(inputs: TerraformPlanInputs): IssueRef | undefined {
  const issueNumber = inputs.pullRequestNumber ?? inputs.context.pullRequestNumber;
  return issueNumber === undefined ? undefined : { owner: inputs.context.owner, repo: inputs.context.repo, issueNumber };
}

function githubClient(inputs: TerraformPlanInputs, deps: TerraformPlanDeps): GithubClient {
  const token = inputs.githubToken ?? '';
  const create =
    deps.createGithub ?? ((value: string, apiUrl: string) => createGithubClient({ token: value, apiUrl, warn: deps.log.warning }));
  return create(token, inputs.context.apiUrl);
}

function where(inputs: TerraformPlanInputs): string {
  const run = inputs.context.runUrl ? `the job summary of [this run](${inputs.context.runUrl})` : 'the job summary of this run';
  return `${run}, and the plan text file of the step (\`plan.txt\` next to the \`plan-json\` output, for upload as an artifact)`;
}

function setPlanOutputs(deps: TerraformPlanDeps, analyzed: AnalyzedPlan, extra: Record<string, string>): void {
  const { counts, hasChanges } = analyzed.summary;
  const outputs: Record<string, string> = {
    'has-changes': String(hasChanges),
    add: String(counts.add),
    change: String(counts.change),
    destroy: String(counts.destroy),
    replace: String(counts.replace),
    import: String(counts.import),
    move: String(counts.move),
    'plan-checksum': analyzed.checksum,
    redacted: String(analyzed.redactions.marked + analyzed.redactions.named + analyzed.redactions.embedded),
    ...extra,
  };
  for (const [name, value] of Object.entries(outputs)) deps.setOutput(name, value);
}

/** What the checksum proves, for the comment and the summary. */
function checksumNote(inputs: TerraformPlanInputs): string {
  return inputs.checksumKey === undefined
    ? '🔑 Checksum without `plan-checksum-key`: it covers every change except sensitive values, so apply would not notice a change of a sensitive value alone.'
    : '🔑 Checksum keyed with `plan-checksum-key`: it covers sensitive values too, and reveals nothing about them.';
}

/** Which destroys `fail-on-destroy` forbids. */
function forbiddenDestroys(inputs: TerraformPlanInputs, analyzed: AnalyzedPlan): string[] {
  if (inputs.failOnDestroy === false) return [];
  const types = inputs.failOnDestroy;
  return analyzed.summary.resources
    .filter((resource) => resource.kind === 'delete' || resource.kind === 'replace')
    .filter((resource) => types === true || types.includes(resource.resource.type))
    .map((resource) => resource.address);
}

export async function runTerraformPlan(inputs: TerraformPlanInputs, deps: TerraformPlanDeps): Promise<void> {
  const identity = identityOf(inputs);
  const marker = markerLine(identity);
  const ref = pullRequest(inputs);
  const description = `${inputs.workingDirectoryLabel} (workspace ${inputs.workspace}${inputs.commentKey ? `, key ${inputs.commentKey}` : ''})`;
  const plan = await obtainPlan(inputs, deps.exec);
  // Every text Terraform printed passes here once, on its way to the log or anywhere else.
  const scrub = (text: string) => redactSecrets(plan.scrub(text));
  if (plan.log.trim() !== '') deps.log.info(scrub(plan.log));

  if (!plan.ok) {
    const output = scrub(plan.output);
    deps.log.info(output);
    const errorText = errorOutput(output);
    deps.setOutput('exit-code', String(plan.exitCode));
    deps.setOutput('has-changes', 'false');
    const failure = { identity, stage: plan.stage, errorText, fullPlanLocation: 'the job log of this run' };
    await deps.summary.append(renderFailure(failure, summaryLimit));
    if (inputs.mode === 'plan' && inputs.comment && ref) {
      const comment = await publishComment(githubClient(inputs, deps), ref, marker, renderFailure(failure), deps.log);
      if (comment) {
        deps.setOutput('comment-id', String(comment.id));
        deps.setOutput('comment-url', comment.url);
      }
    }
    throw new Error(
      `terraform ${plan.stage} failed in ${inputs.workingDirectoryLabel}: ${firstError(output) ?? `exit code ${plan.exitCode}`}`,
    );
  }

  const { analyzed } = plan;
  for (const warning of analyzed.warnings) deps.log.warning(warning);
  if (analyzed.text !== undefined) deps.log.info(scrub(analyzed.text));
  setPlanOutputs(deps, analyzed, {
    'exit-code': String(plan.exitCode),
    'plan-json': plan.planJsonPath,
    'plan-file': plan.planFile ?? '',
  });
  const report = {
    identity,
    summary: analyzed.summary,
    record: recordOf(analyzed),
    textBlocks: analyzed.textBlocks,
    fullPlanLocation: where(inputs),
    notes: [redactionNote(analyzed.redactions), checksumNote(inputs), ...analyzed.warnings],
  };
  // Last line of defence: whatever rendering missed, no sensitive or masked value leaves the step.
  const safe = scrub;
  await deps.summary.append(
    safe(
      renderPlan(
        { ...report, fullPlanLocation: 'the plan text file of the step (`plan.txt` next to the `plan-json` output)' },
        summaryLimit,
      ),
    ),
  );
  deps.log.info(
    `Plan for ${description}: ${analyzed.summary.counts.add} to add, ${analyzed.summary.counts.change} to change, ${analyzed.summary.counts.destroy} to destroy (${analyzed.checksum})`,
  );

  if (inputs.mode === 'apply') {
    await applyReviewed(inputs, deps, analyzed, plan.planFile, { marker, description, current: report.record, scrub });
    return;
  }
  if (inputs.comment || inputs.addLabels) {
    if (!ref) {
      deps.log.info('Not a pull request run: no comment or labels (the plan is in the job summary).');
    } else {
      const client = githubClient(inputs, deps);
      if (inputs.comment) {
        const comment = await publishComment(client, ref, marker, safe(renderPlan(report)), deps.log);
        if (comment) {
          deps.setOutput('comment-id', String(comment.id));
          deps.setOutput('comment-url', comment.url);
        }
      }
      if (inputs.addLabels) await publishLabels(client, ref, analyzed.summary, deps.log);
    }
  }
  const forbidden = forbiddenDestroys(inputs, analyzed);
  if (forbidden.length > 0) {
    const shown = forbidden.slice(0, 10).join(', ');
    throw new Error(
      `the plan destroys ${forbidden.length} resource${forbidden.length === 1 ? '' : 's'} that fail-on-destroy forbids: ${shown}${forbidden.length > 10 ? ', …' : ''}`,
    );
  }
}

async function applyReviewed(
  inputs: TerraformPlanInputs,
  deps: TerraformPlanDeps,
  analyzed: AnalyzedPlan,
  planFile: string | undefined,
  review: { marker: string; description: string; current: ReviewRecord; scrub: (text: string) => string },
): Promise<void> {
  const options = terraformOptions(inputs);
  if (!options || planFile === undefined) throw new Error('mode: apply needs run mode (a plan made by this step)');
  if (inputs.requireReviewedPlan) {
    const lookup = {
      owner: inputs.context.owner,
      repo: inputs.context.repo,
      sha: inputs.context.sha,
      marker: review.marker,
      description: review.description,
    };
    const found = await findReviewedPlan(
      githubClient(inputs, deps),
      inputs.pullRequestNumber === undefined ? lookup : { ...lookup, pullRequestNumber: inputs.pullRequestNumber },
    );
    assertSamePlan(found.pullRequest, found.record, review.current);
    deps.log.info(`The plan matches the one reviewed on pull request #${found.pullRequest} (${analyzed.checksum}).`);
    if (inputs.checksumKey === undefined)
      deps.log.warning(
        'No plan-checksum-key: the checksum leaves sensitive values out, so a change of a sensitive value alone since the review would not be detected. Pass a repository secret as plan-checksum-key to plan and apply.',
      );
  } else {
    deps.log.warning('require-reviewed-plan is false: applying a plan that was not compared with a reviewed one.');
  }
  if (!analyzed.summary.hasChanges) {
    deps.log.info('No changes: nothing to apply.');
    return;
  }
  await applyPlanFile(options, planFile, deps.exec, { info: deps.log.info, scrub: review.scrub });
  deps.log.info(`Applied ${planFile}.`);
}
