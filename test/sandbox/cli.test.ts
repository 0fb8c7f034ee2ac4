import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { CreateClusterCommand, ECSClient } from '@aws-sdk/client-ecs';

test('npm run sandbox prints export lines for every endpoint and stops cleanly on Ctrl-C', async () => {
  const child = spawn('node_modules/.bin/tsx', ['sandbox/cli.ts', '--time-scale', '60'], {
    cwd: process.cwd(),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`sandbox exited early with ${String(code)}`)));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      if (!stdout.includes('AWS_ENDPOINT_URL_CLOUDWATCH_LOGS=')) return;
      const lines = stdout.trim().split('\n');
      resolve(
        Object.fromEntries(
          lines.map((line) => /^export ([A-Z0-9_]+)=(.*)$/.exec(line)).map((m) => [m?.[1] ?? '', JSON.parse(m?.[2] ?? '""') as string]),
        ),
      );
    });
  });
  expect(Object.keys(env)).toEqual(
    expect.arrayContaining([
      'AWS_ENDPOINT_URL_ECS',
      'AWS_ENDPOINT_URL_ECR',
      'AWS_ENDPOINT_URL_STS',
      'AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2',
      'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
      'AWS_ACCESS_KEY_ID',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_REGION',
      'ACTIONS_ID_TOKEN_REQUEST_URL',
      'ACTIONS_ID_TOKEN_REQUEST_TOKEN',
      'GITHUB_API_URL',
      'GITHUB_TOKEN',
    ]),
  );
  const ecs = new ECSClient({
    endpoint: env.AWS_ENDPOINT_URL_ECS,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
  });
  const out = await ecs.send(new CreateClusterCommand({ clusterName: 'cli' }));
  expect(out.cluster?.clusterArn).toBe('arn:aws:ecs:us-east-1:123456789012:cluster/cli');
  ecs.destroy();
  child.removeAllListeners('exit');
  child.kill('SIGINT');
  const [code] = (await once(child, 'exit')) as [number | null];
  expect(code).toBe(0);
}, 30_000);
