import { InputError } from '../errors.js';
import { quoteValue } from '../untrusted-text.js';

/**
 * CodeDeploy's limits on the names and the description the codedeploy-* inputs give
 * (ApplicationName, DeploymentGroupName and DeploymentConfigName are 1-100 characters; a
 * deployment description at most 512), checked before any AWS call.
 */

const NAME = /^[^\u0000-\u001f\u007f]{1,100}$/;
export const MAX_DESCRIPTION = 512;

export function codeDeployName(input: string, value: string): string {
  if (!NAME.test(value)) {
    throw new InputError(
      input,
      `'${quoteValue(value)}' is not a CodeDeploy name`,
      'Use at most 100 characters without line breaks, as the CodeDeploy console shows the name',
    );
  }
  return value;
}

export function codeDeployDescription(input: string, value: string): string {
  if (value.length > MAX_DESCRIPTION) {
    throw new InputError(input, `is ${value.length} characters long`, `CodeDeploy takes at most ${MAX_DESCRIPTION}; shorten it`);
  }
  return value;
}
