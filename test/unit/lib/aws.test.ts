import { readFileSync } from 'node:fs';
import { ECSClient } from '@aws-sdk/client-ecs';
import { createAwsClient } from '../../../src/lib/aws.js';
import { resolveRegion } from '../../../src/lib/region.js';
import { VERSION } from '../../../src/lib/version.js';

describe('AWS client factory', () => {
  it('keeps the user-agent version equal to package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
  });

  it('builds clients with region, retries, timeouts and the ecs-delivery user agent', async () => {
    const client = createAwsClient(ECSClient, { region: 'eu-west-1', maxAttempts: 3, connectionTimeoutMs: 1000, requestTimeoutMs: 2000 });
    expect(await client.config.region()).toBe('eu-west-1');
    expect(await client.config.maxAttempts()).toBe(3);
    expect(client.config.customUserAgent).toEqual([['ecs-delivery', VERSION]]);
  });

  it('takes the region from the input, then AWS_REGION, then AWS_DEFAULT_REGION', () => {
    expect(resolveRegion('us-west-2', { AWS_REGION: 'eu-west-1' })).toBe('us-west-2');
    expect(resolveRegion(undefined, { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'us-east-1' })).toBe('eu-west-1');
    expect(resolveRegion(undefined, { AWS_DEFAULT_REGION: 'us-gov-west-1' })).toBe('us-gov-west-1');
    expect(() => resolveRegion(undefined, {})).toThrow("Input 'aws-region': no region was given");
    expect(() => resolveRegion('Frankfurt', {})).toThrow("Input 'aws-region': 'Frankfurt' is not an AWS region name");
  });
});
