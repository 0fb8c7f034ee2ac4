/**
 * `npm run demo`: the whole suite as a team uses it. examples/http-echo (a service with RDS, DynamoDB,
 * SQS and SNS, deployed by OIDC) goes through its own caller workflows and our reusable ones against
 * the sandbox (sandbox/runner/example-pipeline.ts; the bundles in dist/, the real Terraform on PATH):
 *
 *   1. a pull request gets the Terraform plan as a comment;
 *   2. its merge applies exactly that plan, builds and pushes the image once, deploys staging, then
 *      the same digest to production;
 *   3. a release whose container crashes fails in staging within seconds, with the reason, is rolled
 *      back, and never reaches production;
 *   4. a healthy but wrong release reaches production, and the rollback workflow, run from the
 *      "Run workflow" button (workflow_dispatch), takes production back.
 *
 * Printed as the Actions UI shows runs (scripts/demo/actions-view.ts), with a closing table. Every
 * promise of the story is checked (scripts/demo/expectations.ts): the exit code is 1 when one breaks.
 * Everything it writes goes under one temporary folder (TMPDIR for it and all it starts), removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPipeline, type Pipeline } from '../sandbox/runner/example-pipeline.js';
import { PUSH_REPOSITORY } from '../sandbox/runner/push-event.js';
import { ActionsView, bold, seconds } from './demo/actions-view.js';
import { Expectations, running, stepOf } from './demo/expectations.js';
import { chooseBuild, connectRegistry, imageBuild } from './demo/image-build.js';

const EXAMPLE = 'http-echo';
/** The three merged commits: a first release, one whose container crashes, one that is healthy but wrong. */
const RELEASE = {
  first: '7c1e4b9a2f60d835e1b7c4a9d02f6e83b5a1c7d4',
  crashing: 'b42d9e07f1c36a85d2e4f0b7c19a63e5d8f2b140',
  wrong: 'e9a0c5d3b8f1472e6c0d9b5a3f81e7c24d6b9a05',
} as const;
const CRASH_LOG = ['http-echo v1.1 listening on :8080', 'listen tcp :8080: bind: address already in use'];
/** "Within seconds": the deploy step of the crashing release, in real seconds (the sandbox runs 40× faster than AWS). */
const FAIL_FAST_MS = 20_000;

const view = new ActionsView();
const expect = new Expectations();

/** The sticky plan comment on a pull request, printed as the page shows it. */
function showComment(pipeline: Pipeline, number: number): string {
  const [comment] = pipeline.sandbox.admin.identity.github.comments(PUSH_REPOSITORY.owner, PUSH_REPOSITORY.name, number);
  const body = comment?.body ?? '';
  console.log(`\n  ${bold(`💬 ${comment?.user.login ?? 'nobody'} commented on pull request #${number}`)}`);
  view.markdown(body, '  │ ');
  return body;
}

/** `<repository>@sha256:<12 digits>…`, for a line of narration. */
function shortImage(image: string): string {
  return image.replace(/^.*\//, '').replace(/(sha256:[0-9a-f]{12})[0-9a-f]+$/, '$1…');
}

async function story(pipeline: Pipeline): Promise<void> {
  const { sandbox } = pipeline;

  view.runStarted('PR #2', 'terraform plan', 'pull_request #2 opened (change-2 → main)', 'logs');
  const review = await pipeline.pullRequest(2, RELEASE.first);
  expect.results(review, { plan: 'success' });
  const comment = showComment(pipeline, 2);
  expect.check('the plan comment shows the plan', comment.includes('10 to add, 0 to change, 0 to destroy'), comment.slice(0, 200));

  view.runStarted('merge #2', 'deploy', `push to main: pull request #2 merged (${RELEASE.first.slice(0, 7)})`, 'full');
  const first = await pipeline.merge(2, RELEASE.first);
  expect.results(first, { terraform: 'success', staging: 'success', production: 'success' });
  const apply = stepOf(first, 'terraform', 'Apply the reviewed plan');
  expect.check(
    'the merge applies exactly the plan reviewed on #2',
    apply?.log.includes('The plan matches the one reviewed on pull request #2') ?? false,
  );
  const image = first.jobs.staging?.outputs.image ?? '';
  expect.check('the image is pushed by digest', /@sha256:[0-9a-f]{64}$/.test(image), image);
  expect.check(
    'production deploys the digest staging ran, without building',
    first.jobs.production?.with.image === image && stepOf(first, 'production', 'Build and push')?.outcome === 'skipped',
  );
  const good = { staging: running(sandbox, 'staging', EXAMPLE), production: running(sandbox, 'production', EXAMPLE) };
  view.note(
    `The apply ran the plan reviewed on #2; one image was built and pushed (${shortImage(image)}), staging got it, then production the same digest: staging runs ${good.staging.revision}, production ${good.production.revision}.`,
  );

  view.runStarted('PR #3', 'terraform plan', 'pull_request #3 opened (change-3 → main)', 'brief');
  await pipeline.pullRequest(3, RELEASE.crashing);
  expect.check('an application-only change plans no changes', showComment(pipeline, 3).includes('No changes'));
  view.runStarted(
    'merge #3',
    'deploy',
    `push to main: pull request #3 merged (${RELEASE.crashing.slice(0, 7)}) — its container crashes on start`,
    'full',
  );
  const crashing = await pipeline.merge(3, RELEASE.crashing);
  expect.results(crashing, { terraform: 'success', staging: 'failure', production: 'skipped' });
  const deploy = stepOf(crashing, 'staging', 'Deploy');
  const reason = deploy?.result?.errors.at(-1) ?? '';
  expect.check(
    'the failed deploy names the exit code and the last log line',
    reason.includes('exit 2') && reason.includes(CRASH_LOG[1] ?? ''),
    reason,
  );
  expect.check(
    `the failure is reported within ${FAIL_FAST_MS / 1000} s`,
    (deploy?.durationMs ?? Infinity) < FAIL_FAST_MS,
    deploy?.durationMs,
  );
  expect.check('staging is rolled back', crashing.jobs.staging?.outputs.status === 'rolled-back', crashing.jobs.staging?.outputs.status);
  expect.check(
    'staging runs the last good revision again',
    JSON.stringify(running(sandbox, 'staging', EXAMPLE)) === JSON.stringify(good.staging),
    running(sandbox, 'staging', EXAMPLE),
  );
  expect.check(
    'production is untouched',
    running(sandbox, 'production', EXAMPLE).revision === good.production.revision,
    running(sandbox, 'production', EXAMPLE),
  );
  view.note(
    `The crashing release failed its deploy in ${seconds(deploy?.durationMs ?? 0)} with the reason (exit 2, its last log line); ECS rolled staging back to ${running(sandbox, 'staging', EXAMPLE).revision}, and production, never reached, still runs ${running(sandbox, 'production', EXAMPLE).revision}.`,
  );

  view.runStarted('PR #4', 'terraform plan', 'pull_request #4 opened (change-4 → main)', 'brief');
  await pipeline.pullRequest(4, RELEASE.wrong);
  view.runStarted(
    'merge #4',
    'deploy',
    `push to main: pull request #4 merged (${RELEASE.wrong.slice(0, 7)}) — healthy, but echoes the wrong text`,
    'brief',
  );
  const wrong = await pipeline.merge(4, RELEASE.wrong);
  expect.results(wrong, { terraform: 'success', staging: 'success', production: 'success' });
  view.note(
    `Production runs ${running(sandbox, 'production', EXAMPLE).revision}: healthy, but wrong. Someone presses "Run workflow" on rollback.yml.`,
  );

  const inputs = { environment: 'production', reason: 'v1.2 echoes the wrong text' };
  view.runStarted('Run workflow', 'rollback', `workflow_dispatch by octocat: ${JSON.stringify(inputs)}`, 'full');
  const rollback = await pipeline.dispatch('rollback.yml', inputs);
  expect.results(rollback, { rollback: 'success' });
  expect.check(
    'the rollback reports rolled-back',
    rollback.jobs.rollback?.outputs.status === 'rolled-back',
    rollback.jobs.rollback?.outputs,
  );
  view.note(`Production runs ${running(sandbox, 'production', EXAMPLE).revision} again, the first release.`);
  expect.check(
    'production runs the first release again',
    JSON.stringify(running(sandbox, 'production', EXAMPLE)) === JSON.stringify(good.production),
    running(sandbox, 'production', EXAMPLE),
  );
}

async function main(): Promise<void> {
  const started = Date.now();
  // Every folder the demo, the bundles and Terraform create goes under this one, removed at the end.
  const root = mkdtempSync(join(tmpdir(), 'ecs-delivery-demo-'));
  process.env.TMPDIR = root;
  let pipeline: Pipeline | undefined;
  try {
    const build = await chooseBuild();
    const crashing = new Set<string>();
    pipeline = await startPipeline({
      example: EXAMPLE,
      environments: ['staging', 'production'],
      onJobEnd: (job) => view.jobEnded(job),
      build: imageBuild(build, (sha, image) => {
        if (sha !== RELEASE.crashing || crashing.has(image)) return;
        crashing.add(image);
        pipeline?.sandbox.admin.setImageBehavior(image, { kind: 'exit', exitCode: 2, logLines: CRASH_LOG });
      }),
    });
    connectRegistry(pipeline.sandbox, build);
    console.log(bold(`ecs-delivery demo — examples/${EXAMPLE} through its caller workflows and the reusable ones`));
    console.log('AWS and GitHub are the local sandbox (its clock 40× faster than AWS); Terraform is the real one.');
    console.log(
      build.kind === 'docker'
        ? `Images: built and pushed by ecr-build-push through the real ${build.engine}.`
        : `Images: a prepared image stands in for the Docker build (${build.reason}); everything else runs as on a runner.`,
    );
    await story(pipeline);
  } catch (error) {
    expect.check('the story runs to its end', false, error instanceof Error ? error.message : String(error));
  } finally {
    await pipeline?.stop();
    rmSync(root, { recursive: true, force: true });
  }
  console.log(`\n${bold('━━ What happened ')}${bold('━'.repeat(61))}`);
  view.printTable();
  console.log(`\nDemo took ${seconds(Date.now() - started)}.`);
  if (expect.failed.length > 0) {
    console.log(bold(`✗ ${expect.failed.length} expectation(s) of the story failed:`));
    for (const failure of expect.failed) console.log(`  - ${failure}`);
    process.exitCode = 1;
  } else console.log(bold('✓ Every expectation of the story held.'));
}

await main();
// A pipeline that failed half-way through starting may leave a server listening: the demo ends here regardless.
process.exit();
