/** A one-container Fargate task definition with awslogs, as ecs-render renders it: what the tests, benchmarks and demo deploy. */
export function fargateTaskDefinition(family: string, image: string, extra: Record<string, unknown> = {}) {
  return {
    family,
    networkMode: 'awsvpc' as const,
    requiresCompatibilities: ['FARGATE' as const],
    cpu: '256',
    memory: '512',
    executionRoleArn: 'arn:aws:iam::123456789012:role/ecsTaskExecutionRole',
    containerDefinitions: [
      {
        name: 'web',
        image,
        essential: true,
        portMappings: [{ containerPort: 8080, protocol: 'tcp' as const }],
        logConfiguration: {
          logDriver: 'awslogs' as const,
          options: { 'awslogs-group': `/ecs/${family}`, 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'ecs' },
        },
      },
    ],
    ...extra,
  };
}
