/**
 * The one GraphQL mutation the suite uses: `minimizeComment` (to fold outdated plan comments).
 * Not a GraphQL engine: it recognises the mutation, reads `subjectId` and `classifier` from the
 * variables or inline literals, and answers in GitHub's shape, errors included (GraphQL errors
 * come back with HTTP 200).
 */
import type { GithubStore, TokenInfo } from './github-store.js';
import { commentNodeId } from './github-shapes.js';

export interface GraphqlRequest {
  query?: unknown;
  variables?: unknown;
}

const CLASSIFIERS = ['SPAM', 'ABUSE', 'OFF_TOPIC', 'OUTDATED', 'DUPLICATE', 'RESOLVED'];

/** An argument of the input object: inline literal, or `$variable` looked up in `variables`. */
function argument(query: string, name: string, variables: Record<string, unknown>): string | undefined {
  const match = new RegExp(`${name}\\s*:\\s*(?:"([^"]*)"|\\$(\\w+)|([A-Z_]+))`).exec(query);
  if (!match) return undefined;
  if (match[1] !== undefined) return match[1];
  if (match[2] !== undefined) {
    const value = variables[match[2]];
    return typeof value === 'string' ? value : undefined;
  }
  return match[3];
}

export function handleGraphql(request: GraphqlRequest, token: TokenInfo, store: GithubStore): { data: unknown; errors?: unknown[] } {
  const query = typeof request.query === 'string' ? request.query : '';
  const variables = (typeof request.variables === 'object' && request.variables !== null ? request.variables : {}) as Record<
    string,
    unknown
  >;
  if (!/\bminimizeComment\b/.test(query)) {
    return {
      data: null,
      errors: [{ message: 'The sandbox serves only the minimizeComment mutation.', locations: [{ line: 1, column: 1 }] }],
    };
  }
  const subjectId = argument(query, 'subjectId', variables);
  const classifier = argument(query, 'classifier', variables);
  if (!subjectId || !classifier || !CLASSIFIERS.includes(classifier)) {
    return {
      data: null,
      errors: [
        {
          type: 'INVALID_ARGUMENTS',
          message: `Argument 'classifier' on InputObject 'MinimizeCommentInput' has an invalid value (${String(classifier)}). Expected type 'ReportedContentClassifiers!'.`,
        },
      ],
    };
  }
  const path = ['minimizeComment'];
  if (token.permission !== 'write') {
    return { data: { minimizeComment: null }, errors: [{ type: 'FORBIDDEN', path, message: 'Resource not accessible by integration' }] };
  }
  const comment = findByNodeId(store, subjectId);
  if (!comment) {
    return {
      data: { minimizeComment: null },
      errors: [{ type: 'NOT_FOUND', path, message: `Could not resolve to a node with the global id of '${subjectId}'` }],
    };
  }
  comment.minimized = { reason: classifier.toLowerCase() };
  return { data: { minimizeComment: { minimizedComment: { isMinimized: true, minimizedReason: comment.minimized.reason } } } };
}

function findByNodeId(store: GithubStore, nodeId: string) {
  const match = /^IC_(.+)$/.exec(nodeId);
  const id = match?.[1] ? Number(Buffer.from(match[1], 'base64url').toString()) : Number.NaN;
  const comment = Number.isInteger(id) ? store.commentById(id) : undefined;
  return comment && commentNodeId(comment.id) === nodeId ? comment : undefined;
}
