import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isMapping, isString } from '@actions/workflow-parser';
import type { Job } from '@actions/workflow-parser/model/workflow-template';
import { PROJECT_ROOT } from '../../sandbox/runner/run-action.js';
import { THIRD_PARTY } from '../../sandbox/runner/workflow-steps.js';
import { parseReusableWorkflow, tokenAt } from '../../sandbox/runner/workflow-runner.js';

/** The rules every reusable workflow and starter template keeps, checked on GitHub's parse of each file. */

const REUSABLE = ['terraform-plan.yml', 'terraform-apply.yml', 'deploy.yml', 'rollback.yml', 'promote.yml'].map(
  (f) => `.github/workflows/${f}`,
);
const TEMPLATES = readdirSync(join(PROJECT_ROOT, 'action-templates')).filter((f) => f.endsWith('.yml'));
// The workflows that change what runs: each has a job in a GitHub environment (terraform-plan only reads).
const DEPLOYING = new Set(['terraform-apply.yml', 'deploy.yml', 'rollback.yml', 'promote.yml'].map((f) => `.github/workflows/${f}`));

describe.each(REUSABLE)('%s', (file) => {
  let jobs: Job[];
  let text: string;
  let root: Awaited<ReturnType<typeof parseReusableWorkflow>>['root'];
  beforeAll(async () => {
    const parsed = await parseReusableWorkflow(file);
    expect(parsed.template.events.workflow_call).toBeDefined();
    jobs = parsed.template.jobs.filter((job): job is Job => job.type === 'job');
    text = parsed.text;
    root = parsed.root;
  });

  it('grants nothing at the top (permissions: {}) and names each job’s permissions scope by scope', () => {
    const top = tokenAt(root, 'permissions');
    expect(top && isMapping(top) ? top.count : `not a mapping: ${top?.toString()}`).toBe(0);
    for (const job of jobs) {
      const permissions = tokenAt(root, 'jobs', job.id.value, 'permissions');
      expect(permissions && isMapping(permissions) ? permissions.count : `not a mapping: ${permissions?.toString()}`).toBeGreaterThan(0);
    }
  });

  it('uses this repository’s actions in the self-repository form, third-party ones pinned by SHA with a version comment', () => {
    for (const step of jobs.flatMap((job) => job.steps)) {
      if (!('uses' in step)) continue;
      const uses = step.uses.value;
      const own = /^\$\/actions\/([a-z0-9-]+)$/.exec(uses);
      if (own) {
        expect(existsSync(join(PROJECT_ROOT, 'actions', own[1] ?? '', 'action.yml'))).toBe(true);
        continue;
      }
      expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(text).toMatch(new RegExp(`uses: ${uses.replace(/[.$/]/g, '\\$&')} # v\\d+\\.\\d+\\.\\d+\\n`));
      expect(THIRD_PARTY[uses.replace(/@.*/, '')]).toBeDefined();
    }
  });

  it('keeps ${{ }} out of run: scripts', () => {
    for (const step of jobs.flatMap((job) => job.steps)) if ('run' in step) expect(isString(step.run)).toBe(true);
  });

  it('runs deploying jobs in an environment, one at a time per environment, never cancelling a running one', () => {
    const inEnvironment = jobs.filter((j) => j.environment);
    expect(inEnvironment.length > 0).toBe(DEPLOYING.has(file));
    for (const job of inEnvironment) {
      expect(tokenAt(job.concurrency, 'cancel-in-progress')?.toString()).toBe('false');
      expect(tokenAt(job.concurrency, 'group')).toBeDefined();
    }
  });
});

describe.each(TEMPLATES)('action-templates/%s', (file) => {
  it('has a starter-workflow properties file', () => {
    const properties = JSON.parse(
      readFileSync(join(PROJECT_ROOT, 'action-templates', file.replace(/\.yml$/, '.properties.json')), 'utf8'),
    ) as Record<string, unknown>;
    expect(properties).toEqual({
      name: expect.any(String),
      description: expect.any(String),
      iconName: expect.any(String),
      categories: expect.arrayContaining([expect.any(String)]),
      filePatterns: expect.arrayContaining([expect.any(String)]),
    });
  });

  it('calls one of the reusable workflows', () => {
    expect(readFileSync(join(PROJECT_ROOT, 'action-templates', file), 'utf8')).toMatch(
      /uses: [\w-]+\/ecs-delivery\/\.github\/workflows\/(terraform-plan|terraform-apply|deploy|rollback|promote)\.yml@/,
    );
  });
});

it('every IAM example is valid JSON with a Version and Statements', () => {
  const dir = join(PROJECT_ROOT, 'action-templates', 'iam');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  expect(files.length).toBeGreaterThanOrEqual(4);
  for (const file of files) {
    expect(JSON.parse(readFileSync(join(dir, file), 'utf8'))).toMatchObject({ Version: '2012-10-17', Statement: expect.any(Array) });
  }
});
