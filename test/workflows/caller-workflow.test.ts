import { runCallerWorkflow, type CallerRun } from '../../sandbox/runner/caller-workflow.js';

/**
 * The caller-workflow runner refuses what GitHub refuses before a job starts, so an example that
 * would not run on GitHub cannot pass here: an event the workflow does not run on, a called job asking
 * for more permissions than its caller grants, a secret the called workflow does not declare, a
 * workflow_dispatch choice outside its options. Nothing here reaches a sandbox.
 */

const base: Omit<CallerRun, 'file'> = { eventName: 'push', event: {}, env: {}, workspace: '/nonexistent' };

test('a workflow runs only on the events it declares', async () => {
  await expect(runCallerWorkflow({ ...base, file: 'examples/http-echo/.github/workflows/rollback.yml' })).rejects.toThrow(
    'examples/http-echo/.github/workflows/rollback.yml does not run on push (it runs on workflow_dispatch)',
  );
});

test('a called job may not ask for a permission its caller did not grant', async () => {
  await expect(runCallerWorkflow({ ...base, file: 'test/fixtures/workflows/caller-missing-permission.yml' })).rejects.toThrow(
    "job staging: the nested job 'deploy' of .github/workflows/deploy.yml is requesting 'id-token: write', but is only allowed 'id-token: none'",
  );
});

test('a secret the called workflow does not declare is refused', async () => {
  await expect(
    runCallerWorkflow({ ...base, eventName: 'workflow_dispatch', file: 'test/fixtures/workflows/caller-undeclared-secret.yml' }),
  ).rejects.toThrow("job rollback: .github/workflows/rollback.yml declares no secret 'REGISTRY_PASSWORD'");
});

test('workflow_dispatch inputs are checked as the Run workflow form checks them', async () => {
  await expect(
    runCallerWorkflow({
      ...base,
      eventName: 'workflow_dispatch',
      file: 'examples/http-echo/.github/workflows/rollback.yml',
      inputs: { environment: 'staging', reason: 'x', 'dry-run': true, extra: 'y' },
    }),
  ).rejects.toThrow("the workflow declares no input 'extra'");
});
