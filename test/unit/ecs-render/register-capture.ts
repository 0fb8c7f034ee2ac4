import { Readable } from 'node:stream';
import { ECSClient, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import type { RegisterTaskDefinitionCommandInput } from '@aws-sdk/client-ecs';
import type { HttpRequest } from '@smithy/types';

/**
 * Serialises a task definition exactly as the real SDK would send RegisterTaskDefinition, with no
 * network: the client's request handler captures the request and answers with a canned response.
 * Comparing the captured body with the input shows what the SDK's schema would silently drop.
 */
export async function serializeRegisterRequest(definition: Record<string, unknown>): Promise<{ target: string; body: unknown }> {
  const captured: { target?: string; body?: string } = {};
  // Structurally what the client expects of a request handler; cast once because the SDK's handler type carries more than it calls.
  const requestHandler = {
    handle: async (request: HttpRequest) => {
      captured.target = String(request.headers['x-amz-target']);
      captured.body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body as Uint8Array);
      const payload = Buffer.from(JSON.stringify({ taskDefinition: { family: definition.family, revision: 1 } }));
      return { response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.1' }, body: Readable.from([payload]) } };
    },
  } as unknown as NonNullable<ConstructorParameters<typeof ECSClient>[0]>['requestHandler'];
  const client = new ECSClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' },
    maxAttempts: 1,
    requestHandler,
  });
  try {
    // The rendered file is external JSON to the SDK as much as to ECS: hand it over untyped, as ecs-deploy will.
    await client.send(new RegisterTaskDefinitionCommand(definition as unknown as RegisterTaskDefinitionCommandInput));
  } finally {
    client.destroy();
  }
  return { target: captured.target ?? '', body: JSON.parse(captured.body ?? 'null') as unknown };
}

/** Dotted paths of every leaf (and empty container) in a JSON value, to compare what was sent with what was given. */
export function leafPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [`${prefix}[]`] : value.flatMap((item, index) => leafPaths(item, `${prefix}[${index}]`));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [`${prefix}{}`] : entries.flatMap(([key, item]) => leafPaths(item, prefix ? `${prefix}.${key}` : key));
  }
  return [`${prefix}=${JSON.stringify(value)}`];
}
