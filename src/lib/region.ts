import { InputError } from './errors.js';

// Kept apart from aws.ts, which loads the SDK's HTTP handler: inputs are validated before that.

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The region from the input, else from `AWS_REGION` / `AWS_DEFAULT_REGION`, as the CLI and SDKs look for it. */
export function resolveRegion(input: string | undefined, env: NodeJS.ProcessEnv, inputName = 'aws-region'): string {
  const region = input ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new InputError(
      inputName,
      'no region was given and AWS_REGION is not set',
      `Set '${inputName}' (for example us-east-1), or run aws-credentials first`,
    );
  }
  if (!REGION_PATTERN.test(region)) {
    throw new InputError(inputName, `'${region}' is not an AWS region name`, 'Use a region such as us-east-1 or eu-west-2');
  }
  return region;
}
