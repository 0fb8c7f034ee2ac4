import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';
import { behave, existingService, primaryOf } from '../e2e/ecs-deploy-helpers.js';
import { deployUntilPaused, pausingService } from '../e2e/ecs-promote-helpers.js';
import { PR_NUMBER, SHA, WEB_IMAGE, runExample, startWorld, type StepOutcome, type World } from './readme-example-runner.js';
import { examplesIn, examplesOf, inputProblems, readmeFiles, starterExample, type Example } from './readme-examples.js';

/**
 * Every usage example in every README, as a user would copy it: parsed, its `with:` checked against
 * the action.yml (or the reusable workflow's workflow_call inputs) it calls, then its steps run with
 * those inputs against the sandbox. What each example does here is stated exactly below; a new
 * example fails until it is added, so none goes untried.
 */

interface Expected {
  /** `<action>: <exit code>` per step of ours that ran, in order. Empty for workflow-call examples (inputs checked only). */
  steps: string[];
  /** The one error line of the step that failed. */
  error?: RegExp;
  /** The trigger, when the block does not name one with `on:`. */
  eventName?: string;
  /** Changes to the world made while the example runs (what the reader's own systems would do). */
  during?: (world: World, running: () => boolean) => Promise<void>;
  /** What the world holds before the example runs (a deployment the example acts on, the outputs of its earlier jobs). */
  before?: (world: World) => Promise<void>;
  /** What the example must have done to the world, beyond its steps' exit codes. */
  after?: (world: World, outcomes: StepOutcome[]) => Promise<void>;
}

/** The one thing the sandbox machine lacks on purpose: Docker. The step fails at once saying so, after its inputs passed. */
const NO_DOCKER = /^docker is not installed or not on PATH: install Docker Engine/;

const EXPECTED: Record<string, Expected> = {
  'README.md#1': { steps: [] },
  'README.md#2': { steps: [] },
  'actions/aws-credentials/README.md#1': { steps: ['aws-credentials: 0'] },
  'actions/aws-credentials/README.md#2': { steps: ['aws-credentials: 0'] },
  'actions/aws-credentials/README.md#3': { steps: ['aws-credentials: 0', 'aws-credentials: 0'] },
  'actions/ecr-build-push/README.md#1': { steps: ['aws-credentials: 0', 'ecr-build-push: 1'], error: NO_DOCKER },
  'actions/ecr-build-push/README.md#2': { steps: ['ecr-build-push: 1'], error: NO_DOCKER },
  'actions/ecr-build-push/README.md#3': { steps: ['ecr-build-push: 1'], error: NO_DOCKER },
  'actions/ecr-build-push/README.md#4': { steps: ['ecr-build-push: 1'], error: NO_DOCKER },
  'actions/ecs-deploy/README.md#1': {
    steps: ['aws-credentials: 0', 'ecs-render: 0', 'ecs-deploy: 0'],
    during: migrationsExitZero,
  },
  'actions/ecs-deploy/README.md#2': { steps: ['ecs-deploy: 0'] },
  'actions/ecs-deploy/README.md#3': { steps: ['ecs-render: 0', 'ecs-deploy: 0'], before: workerBesideWeb, after: bothRunRender },
  'actions/ecs-render/README.md#1': { steps: ['ecs-render: 0', 'ecs-deploy: 0'] },
  'actions/ecs-render/README.md#2': { steps: ['ecs-render: 0'] },
  'actions/ecs-rollback/README.md#1': { steps: ['aws-credentials: 0', 'ecs-rollback: 0'] },
  'actions/ecs-promote/README.md#1': { steps: ['aws-credentials: 0', 'ecs-promote: 0'], before: checkoutPausedForApproval },
  // The example plan (test/fixtures/terraform-plan/planted-secrets) deletes an S3 bucket, which the
  // example's fail-on-destroy forbids: the comment is posted, then the step fails, as documented.
  'actions/terraform-plan/README.md#1': {
    steps: ['aws-credentials: 0', 'terraform-plan: 1'],
    error: /^the plan destroys 1 resource that fail-on-destroy forbids: aws_s3_bucket\./,
    eventName: 'pull_request',
  },
  'actions/terraform-plan/README.md#2': { steps: ['aws-credentials: 0', 'terraform-plan: 0'], during: mergeReviewedPullRequest },
  'actions/terraform-plan/README.md#3': { steps: ['terraform-plan: 0'], eventName: 'pull_request' },
};

/**
 * ecs-deploy's example runs the image once as a migration before the service moves. The sandbox
 * decides what a container does by its image, so the one-off task gets an image that exits 0 and
 * the service's tasks, started after it, one that keeps serving.
 */
async function migrationsExitZero(world: World, running: () => boolean): Promise<void> {
  behave(world.sandbox, WEB_IMAGE, { kind: 'exit', exitCode: 0 });
  // Bounded by the example: when it ends without a one-off task, its outcome says why.
  while (running() && world.sandbox.admin.requests.count({ service: 'ecs', operation: 'RunTask' }) === 0) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  behave(world.sandbox, WEB_IMAGE, { kind: 'healthy' });
}

/** ecs-deploy's several-services example moves web and its worker: the worker service exists beside web. */
async function workerBesideWeb(world: World): Promise<void> {
  existingService(world.sandbox, 'worker');
  return Promise.resolve();
}

/** Both services run the one task definition ecs-render produced, each rollout completed. */
async function bothRunRender(world: World, outcomes: StepOutcome[]): Promise<void> {
  const rendered = outcomes.find((outcome) => outcome.action === 'ecs-deploy')?.outputs['task-definition-arn'];
  expect(rendered).toMatch(/:task-definition\/web:\d+$/);
  for (const service of ['web', 'worker'])
    expect(await primaryOf(world.sandbox, service)).toEqual({ taskDefinition: rendered, rolloutState: 'COMPLETED' });
}

/** ecs-promote's example approves the deploy job's paused deployment of `checkout`: that job's work, done here. */
async function checkoutPausedForApproval(world: World): Promise<void> {
  await pausingService(world.sandbox, 'checkout');
  const hookId = await deployUntilPaused(world.sandbox, 'checkout', 'v2');
  world.contexts.needs = { ...world.contexts.needs, deploy: { outputs: { 'hook-id': hookId }, result: 'success' } };
}

/** The apply example runs on the push of the merge commit of the pull request the plan example commented on. */
async function mergeReviewedPullRequest(world: World, _running: () => boolean): Promise<void> {
  world.sandbox.admin.identity.github.mergePullRequest('octo-org', 'octo-service', PR_NUMBER, SHA);
  return Promise.resolve();
}

const readmes = readmeFiles().map((file) => ({ file, examples: examplesOf(file) }));
const starters = readdirSync(join(PROJECT_ROOT, 'action-templates'))
  .filter((file) => file.endsWith('.yml'))
  .map((file) => starterExample(join('action-templates', file)));

test('every README example has an expectation here, and every expectation an example', () => {
  const keys = readmes.flatMap(({ examples }) => examples.map((example) => example.key));
  expect(keys.sort()).toEqual(Object.keys(EXPECTED).sort());
});

test.each(starters.map((starter) => [starter.file, starter] as const))(
  '%s calls the reusable workflows with inputs they declare',
  async (_file, starter) => {
    expect(starter.steps.filter((step) => step.kind === 'workflow').length).toBeGreaterThan(0);
    expect((await Promise.all(starter.steps.map(inputProblems))).flat()).toEqual([]);
  },
);

describe.each(readmes.filter(({ examples }) => examples.length > 0))('$file', ({ examples }) => {
  let world: World;
  beforeAll(async () => {
    world = await startWorld();
  });
  afterAll(async () => {
    await world?.stop();
  });

  test.each(examples.map((example) => [`${example.key} (line ${example.line})`, example] as const))(
    '%s',
    async (_name, example: Example) => {
      const expected = EXPECTED[example.key];
      if (!expected) throw new Error(`${example.key} has no expectation in readme-examples.test.ts`);
      expect((await Promise.all(example.steps.map(inputProblems))).flat()).toEqual([]);
      await expected.before?.(world);
      let running = true;
      const run = runExample(example, world, example.eventName ?? expected.eventName ?? 'push').finally(() => (running = false));
      const [outcomes] = await Promise.all([run, expected.during?.(world, () => running)]);
      // One comparison, so that a step that ended differently shows its error lines in the diff.
      expect(outcomes.map((outcome) => ({ step: `${outcome.action}: ${outcome.exitCode}`, errors: outcome.errors }))).toEqual(
        expected.steps.map((step) => ({
          step,
          errors: step.endsWith(': 0') || !expected.error ? [] : [expect.stringMatching(expected.error)],
        })),
      );
      await expected.after?.(world, outcomes);
    },
    300_000,
  );
});

describe('the example checker', () => {
  const readme = (yaml: string) => `# x\n\n\`\`\`yaml\n${yaml}\`\`\`\n`;

  it('finds undeclared inputs and missing required ones, for actions and reusable workflows', async () => {
    const [example] = examplesIn(
      'x.md',
      readme(
        [
          'jobs:',
          '  a:',
          '    steps:',
          '      - uses: acme/ecs-delivery/actions/ecs-deploy@0123456789abcdef0123456789abcdef01234567',
          '        with: { cluster: prod, colour: blue }',
          '  deploy:',
          '    uses: acme/ecs-delivery/.github/workflows/deploy.yml@v1',
          '    with: { environment: staging }',
          '',
        ].join('\n'),
      ),
    );
    expect(example?.steps.map((step) => step.kind)).toEqual(['action', 'workflow']);
    const problems = (await Promise.all((example?.steps ?? []).map(inputProblems))).flat();
    expect(problems).toEqual(
      expect.arrayContaining([
        "ecs-deploy declares no input 'colour'",
        "ecs-deploy requires input 'task-definition', which the example does not give",
        ".github/workflows/deploy.yml requires input 'role-to-assume', which the example does not give",
      ]),
    );
  });

  it('refuses the repository-local form, which only works inside this repository', () => {
    expect(() => examplesIn('x.md', readme('- uses: ./actions/ecs-render\n'))).toThrow('is not the published form');
  });
});
