import { checkUserAppSpec } from '../lib/codedeploy/appspec.js';
import type { CodeDeployOptions } from '../lib/codedeploy/deps.js';
import { codeDeployDescription, codeDeployName } from '../lib/codedeploy/names.js';
import { parseJsonOrYaml } from '../lib/documents.js';
import { InputError } from '../lib/errors.js';
import { readInputFile, type FileRoots } from '../lib/input-files.js';
import type { Inputs } from '../lib/inputs.js';
import { quoteValue } from '../lib/untrusted-text.js';

/**
 * The codedeploy-* inputs, named as in aws-actions/amazon-ecs-deploy-task-definition (the
 * deployment configuration is `codedeploy-config`, aws-actions' `codedeploy-deployment-config`
 * accepted for the same thing, so that a step copied from there works unchanged). They apply
 * when the service turns out to use the CODE_DEPLOY deployment controller (known only once it is
 * read); everything that can be checked without AWS is checked here, the AppSpec file included.
 */
export async function readCodeDeployInputs(input: Inputs, service: string | undefined, roots: FileRoots): Promise<CodeDeployOptions> {
  const application = input.optionalString('codedeploy-application');
  const deploymentGroup = input.optionalString('codedeploy-deployment-group');
  const description = input.optionalString('codedeploy-deployment-description');
  const config = deploymentConfigInput(input);
  const appSpecPath = input.optionalString('codedeploy-appspec');
  const given = (
    [
      ['codedeploy-application', application],
      ['codedeploy-deployment-group', deploymentGroup],
      ['codedeploy-deployment-description', description],
      [config?.input ?? 'codedeploy-config', config?.value],
      ['codedeploy-appspec', appSpecPath],
    ] as const
  ).find(([, value]) => value !== undefined);
  if (given && service === undefined) {
    throw new InputError(
      given[0],
      'only applies when deploying to a CODE_DEPLOY service, but no service was given',
      `Set 'service', or remove '${given[0]}'`,
    );
  }
  const appSpec =
    appSpecPath === undefined
      ? undefined
      : checkUserAppSpec(
          await parseJsonOrYaml(
            'codedeploy-appspec',
            readInputFile('codedeploy-appspec', appSpecPath, roots),
            `file '${quoteValue(appSpecPath)}'`,
          ),
          'codedeploy-appspec',
        );
  return {
    ...(application !== undefined ? { application: codeDeployName('codedeploy-application', application) } : {}),
    ...(deploymentGroup !== undefined ? { deploymentGroup: codeDeployName('codedeploy-deployment-group', deploymentGroup) } : {}),
    ...(description !== undefined ? { description: codeDeployDescription('codedeploy-deployment-description', description) } : {}),
    ...(config ? { deploymentConfig: codeDeployName(config.input, config.value) } : {}),
    ...(appSpec ? { appSpec } : {}),
  };
}

/**
 * `codedeploy-config`, or aws-actions' name for it. Both given with different values is refused:
 * either could be the one meant, and guessing would deploy with a configuration nobody chose.
 */
function deploymentConfigInput(input: Inputs): { input: string; value: string } | undefined {
  const ours = input.optionalString('codedeploy-config');
  const theirs = input.optionalString('codedeploy-deployment-config');
  if (ours !== undefined && theirs !== undefined && ours !== theirs) {
    throw new InputError(
      'codedeploy-config',
      `is '${quoteValue(ours)}' but 'codedeploy-deployment-config' (the same setting under aws-actions' name) is '${quoteValue(theirs)}'`,
      "Give the deployment configuration once, in 'codedeploy-config'",
    );
  }
  if (ours !== undefined) return { input: 'codedeploy-config', value: ours };
  return theirs === undefined ? undefined : { input: 'codedeploy-deployment-config', value: theirs };
}
