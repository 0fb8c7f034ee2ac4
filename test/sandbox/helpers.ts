import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { ECRClient } from '@aws-sdk/client-ecr';
import { ECSClient } from '@aws-sdk/client-ecs';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { Sandbox } from '../../sandbox/index.js';

/** SDK clients pointed at the sandbox exactly as an action would be: endpoint, region and keys from `sandbox.env`. */
export function clientsFor(sandbox: Sandbox, maxAttempts = 3) {
  const config = (endpoint: string) => ({
    endpoint,
    region: sandbox.env.AWS_REGION ?? 'us-east-1',
    credentials: { accessKeyId: sandbox.env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: sandbox.env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts,
  });
  return {
    ecs: new ECSClient(config(sandbox.endpoints.ecs)),
    ecr: new ECRClient(config(sandbox.endpoints.ecr)),
    elbv2: new ElasticLoadBalancingV2Client(config(sandbox.endpoints.elbv2)),
    logs: new CloudWatchLogsClient(config(sandbox.endpoints.logs)),
  };
}

export { fargateTaskDefinition } from '../../sandbox/fargate-task-definition.js';

export const NETWORK = {
  awsvpcConfiguration: {
    subnets: ['subnet-0aaa0000000000001', 'subnet-0aaa0000000000002'],
    securityGroups: ['sg-0aaa0000000000001'],
    assignPublicIp: 'DISABLED' as const,
  },
};
