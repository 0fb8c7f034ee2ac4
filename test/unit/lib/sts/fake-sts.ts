/** Test doubles at the SDK-command level for the STS calls, plus a JWT maker. Not a test file. */
import { AssumeRoleCommand, AssumeRoleWithWebIdentityCommand } from '@aws-sdk/client-sts';

export function makeJwt(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

export const CLAIMS = {
  iss: 'https://token.actions.githubusercontent.com',
  sub: 'repo:acme/web:ref:refs/heads/main',
  aud: 'sts.amazonaws.com',
  job_workflow_ref: 'acme/web/.github/workflows/deploy.yml@refs/heads/main',
  repository: 'acme/web',
  repository_id: '456789',
  repository_owner: 'acme',
  repository_owner_id: '123456',
};

export function stsError(name: string, status: number, message = `${name} from STS`): Error {
  return Object.assign(new Error(message), { name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status } });
}

let counter = 0;
export function stsSuccess(roleArn: string, session: string) {
  counter++;
  const [, partition = 'aws', , , account = '', resource = ''] = roleArn.split(':');
  return {
    Credentials: {
      AccessKeyId: `ASIAFAKE${String(counter).padStart(12, '0')}`,
      SecretAccessKey: `secret-${counter}-wJalrXUtnFEMIK7MDENGbPxRfiCY`,
      SessionToken: `token-${counter}-AQoDYXdzEPT`,
      Expiration: new Date('2030-01-01T01:00:00Z'),
    },
    AssumedRoleUser: {
      Arn: `arn:${partition}:sts::${account}:assumed-role/${resource.split('/').at(-1)}/${session}`,
      AssumedRoleId: `AROAFAKE:${session}`,
    },
  };
}

export type Outcome = Error | 'ok';

/** An STS stand-in: answers each call with the next scripted outcome and records what it was sent. */
export function fakeSts(outcomes: Outcome[]) {
  const calls: { command: string; input: Record<string, unknown> }[] = [];
  const sts = {
    send: async (command: unknown) => {
      const input = (command as { input: Record<string, unknown> }).input;
      const name =
        command instanceof AssumeRoleWithWebIdentityCommand
          ? 'AssumeRoleWithWebIdentity'
          : command instanceof AssumeRoleCommand
            ? 'AssumeRole'
            : 'other';
      calls.push({ command: name, input });
      const outcome = outcomes.shift() ?? 'ok';
      if (outcome !== 'ok') throw outcome;
      return stsSuccess(String(input.RoleArn), String(input.RoleSessionName));
    },
  };
  return { sts: sts as never, calls };
}

export const instantRetry = { maxAttempts: 5, sleep: async () => undefined, random: () => 0 };
