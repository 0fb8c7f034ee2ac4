export const id = 365;
export const ids = [365];
export const modules = {

/***/ 365:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runEcsDeploy: () => (/* binding */ runEcsDeploy)
});

// UNUSED EXPORTS: writeOutputs

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 20 modules
var core = __webpack_require__(3218);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/errors.js
var errors = __webpack_require__(7135);
;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/deps.js
/** Real time for production; tests inject a fake. */
const systemClock = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/summary.js

/** GitHub rejects a step summary larger than 1 MiB. */
const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Escapes text so it shows literally in markdown and cannot open HTML, links or code spans. */
function escapeMarkdown(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1')
        .replace(/\r?\n/g, ' ');
}
/** Inline code that survives backticks inside the value. */
function inlineCode(text) {
    const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
    return `${fence}${pad}${text.replace(/\r?\n/g, ' ')}${pad}${fence}`;
}
/** A fenced code block whose fence is longer than any backtick run inside. */
function codeBlock(text, language = '') {
    const longestRun = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
    const fence = '`'.repeat(longestRun + 1);
    return `${fence}${language}\n${text.replace(/\n$/, '')}\n${fence}`;
}
/** A markdown table; cells are escaped unless already formatted by `inlineCode`. */
function markdownTable(headers, rows) {
    const line = (cells) => `| ${cells.map((cell) => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')).join(' | ')} |`;
    return [line(headers), `| ${headers.map(() => '---').join(' | ')} |`, ...rows.map(line)].join('\n');
}
/** A collapsible section. */
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}><summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** Cuts markdown to `limitBytes` (UTF-8) at a line boundary, saying that it was cut. */
function fitToBytes(markdown, limitBytes, notice = '\n\n_… cut to fit the size limit._\n') {
    if (Buffer.byteLength(markdown, 'utf8') <= limitBytes)
        return markdown;
    const budget = limitBytes - Buffer.byteLength(notice, 'utf8');
    let cut = Buffer.from(markdown, 'utf8').subarray(0, Math.max(0, budget)).toString('utf8');
    cut = cut.replace(/\uFFFD$/, '');
    const lastNewline = cut.lastIndexOf('\n');
    return `${lastNewline > 0 ? cut.slice(0, lastNewline) : cut}${notice}`;
}
/** Appends markdown to the step summary, kept under GitHub's 1 MiB limit. */
async function appendJobSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    await core/* summary */.z.addRaw(fitToBytes(markdown, STEP_SUMMARY_LIMIT_BYTES), true).write();
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-cloudwatch-logs/dist-cjs/index.js
var dist_cjs = __webpack_require__(2684);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecs/dist-cjs/index.js
var client_ecs_dist_cjs = __webpack_require__(212);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-elastic-load-balancing-v2/dist-cjs/index.js
var client_elastic_load_balancing_v2_dist_cjs = __webpack_require__(586);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var client_sts_dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/aws.js + 1 modules
var aws = __webpack_require__(6479);
;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/retry.js

const DEFAULT_BASE_DELAY_MS = 1_000;
const DEFAULT_MAX_DELAY_MS = 20_000;
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The backoff before attempt `attempt + 1`: exponential, capped, with "equal jitter" (half fixed,
 * half random) so that many jobs throttled at the same moment do not retry in lockstep, while the
 * wait never collapses to zero.
 */
function backoffDelay(attempt, baseMs, maxMs, random) {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
/**
 * Runs `operation` until it succeeds, fails with an error the classifier calls final, or runs out of
 * attempts or time. The operation receives the attempt number (1-based) so that callers can fetch
 * fresh per-attempt material (an OIDC token). The last error is rethrown unchanged: callers and the
 * run wrapper decide by its type, so it must not be wrapped here.
 */
async function retry(operation, options) {
    const { label, maxAttempts, deadlineMs, baseDelayMs = DEFAULT_BASE_DELAY_MS, maxDelayMs = DEFAULT_MAX_DELAY_MS, classify = isRetryable, sleep = realSleep, now = Date.now, random = Math.random, log = () => undefined, } = options;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
        throw new RangeError(`retry(${label}): maxAttempts must be a whole number ≥ 1`);
    const deadline = deadlineMs === undefined ? Infinity : now() + deadlineMs;
    for (let attempt = 1;; attempt++) {
        try {
            return await operation(attempt);
        }
        catch (error) {
            if (!classify(error))
                throw error;
            const reason = oneLine((0,errors/* errorMessage */.gJ)(error));
            if (attempt >= maxAttempts) {
                log(`retry(${label}): attempt ${attempt} of ${maxAttempts} failed (${reason}); no attempts left`);
                throw error;
            }
            const delay = backoffDelay(attempt, baseDelayMs, maxDelayMs, random);
            if (now() + delay >= deadline) {
                log(`retry(${label}): attempt ${attempt} of ${maxAttempts} failed (${reason}); the ${deadlineMs} ms deadline leaves no time for another`);
                throw error;
            }
            log(`retry(${label}): attempt ${attempt} of ${maxAttempts} failed (${reason}); retrying in ${delay} ms`);
            await sleep(delay);
        }
    }
}
function oneLine(text, max = 200) {
    const flat = text.replace(/\s+/g, ' ').trim();
    return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
/**
 * Error names that can never succeed on retry, whatever status or flags they carry: the caller must
 * change something first (permissions, trust policy, input, token). Checked before anything else.
 */
const FINAL_NAMES = new Set([
    'AccessDenied',
    'AccessDeniedException',
    'UnauthorizedOperation',
    'InvalidIdentityToken',
    'InvalidIdentityTokenException',
    'IDPRejectedClaim',
    'IDPRejectedClaimException',
    'ExpiredToken',
    'ExpiredTokenException',
    'InvalidClientTokenId',
    'UnrecognizedClientException',
    'SignatureDoesNotMatch',
    'ValidationError',
    'ValidationException',
    'InvalidParameterValue',
    'InvalidParameterException',
    'MissingParameter',
    'MalformedPolicyDocument',
    'MalformedPolicyDocumentException',
    'PackedPolicyTooLarge',
    'PackedPolicyTooLargeException',
    'RegionDisabledException',
    'InputError',
    'NotFoundError',
    'DeploymentFailedError',
]);
/** Throttling, transient server-side and IdP errors by name, for errors that arrive without a status. */
const RETRYABLE_NAMES = new Set([
    'Throttling',
    'ThrottlingException',
    'ThrottledException',
    'RequestThrottled',
    'RequestThrottledException',
    'TooManyRequestsException',
    'RequestLimitExceeded',
    'SlowDown',
    'PriorRequestNotComplete',
    'ProvisionedThroughputExceededException',
    'IDPCommunicationError',
    'IDPCommunicationErrorException',
    'ServiceUnavailable',
    'ServiceUnavailableException',
    'InternalFailure',
    'InternalError',
    'InternalServerError',
    'ServerException',
    'RequestTimeout',
    'RequestTimeoutException',
    'TimeoutError',
]);
/** Node/undici network failures: the request may never have reached the service. */
const RETRYABLE_ERRNOS = new Set([
    'ECONNRESET',
    'ECONNREFUSED',
    'ECONNABORTED',
    'ETIMEDOUT',
    'EPIPE',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'ENETDOWN',
    'UND_ERR_SOCKET',
    'UND_ERR_CONNECT_TIMEOUT',
    'UND_ERR_HEADERS_TIMEOUT',
]);
/**
 * Whether an error can succeed when the same call is simply made again: SDK error name, the SDK's
 * own `$retryable` flag, HTTP status (429, 5xx) and Node errno. Follows `cause` so errors wrapped by
 * `withContext` classify like the original. Final names win over every other signal.
 */
function isRetryable(error) {
    for (let current = error, depth = 0; isObject(current) && depth < 5; current = current.cause, depth++) {
        const name = typeof current.name === 'string' ? current.name : undefined;
        const code = typeof current.code === 'string' ? current.code : undefined;
        if ((name && FINAL_NAMES.has(name)) || (code && FINAL_NAMES.has(code)))
            return false;
        if ((name && RETRYABLE_NAMES.has(name)) || (code && RETRYABLE_NAMES.has(code)))
            return true;
        if (code && RETRYABLE_ERRNOS.has(code))
            return true;
        if (isObject(current.$retryable))
            return true;
        const status = httpStatus(current);
        if (status !== undefined)
            return status === 429 || status >= 500;
    }
    return false;
}
function httpStatus(error) {
    const metadata = error.$metadata;
    if (isObject(metadata) && typeof metadata.httpStatusCode === 'number')
        return metadata.httpStatusCode;
    if (typeof error.status === 'number')
        return error.status;
    if (typeof error.statusCode === 'number')
        return error.statusCode;
    return undefined;
}
function isObject(value) {
    return typeof value === 'object' && value !== null;
}

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/secrets.js
var secrets = __webpack_require__(9335);
;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/oidc-claims.js
/**
 * Reads the claims from a JWT's payload segment. Returns undefined for anything that is not a
 * well-formed token with string `iss` and `sub`; it never throws and never includes the token in
 * any message, so a malformed token cannot leak through an error.
 */
function decodeTokenClaims(token) {
    const segment = token.split('.')[1];
    if (!segment)
        return undefined;
    let payload;
    try {
        payload = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (typeof payload !== 'object' || payload === null)
        return undefined;
    const record = payload;
    const { iss, sub, aud } = record;
    if (typeof iss !== 'string' || typeof sub !== 'string')
        return undefined;
    const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud.filter((item) => typeof item === 'string') : [];
    const optional = (key) => {
        const value = record[key];
        // GitHub sends the numeric IDs as strings; accept numbers too rather than drop them.
        if (typeof value === 'string' || typeof value === 'number')
            return { [key]: String(value) };
        return {};
    };
    return {
        iss,
        sub,
        aud: audiences,
        ...optional('job_workflow_ref'),
        ...optional('repository'),
        ...optional('repository_id'),
        ...optional('repository_owner'),
        ...optional('repository_owner_id'),
        ...optional('ref'),
        ...optional('environment'),
        ...optional('event_name'),
    };
}
const CLASSIC = /^repo:([^/@:]+)\/([^/@:]+):(.+)$/;
const IMMUTABLE = /^repo:([^/@:]+)@(\d+)\/([^/@:]+)@(\d+):(.+)$/;
/**
 * Both subject forms for the token's job. A customised subject (another claim template) has
 * neither form; the caller then shows the subject as it is.
 */
function subjectForms(claims) {
    const immutable = IMMUTABLE.exec(claims.sub);
    if (immutable) {
        const [, owner, , repo, , context] = immutable;
        return { classic: `repo:${owner}/${repo}:${context}`, immutable: claims.sub };
    }
    const classic = CLASSIC.exec(claims.sub);
    if (!classic)
        return {};
    const [, owner, repo, context] = classic;
    const ids = claims.repository_owner_id && claims.repository_id;
    return {
        classic: claims.sub,
        ...(ids ? { immutable: `repo:${owner}@${claims.repository_owner_id}/${repo}@${claims.repository_id}:${context}` } : {}),
    };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/trust-explanation.js


/** STS refused the web identity: carries the STS error as `cause` (so it is never retried) and says what to fix. */
class TrustPolicyError extends Error {
    name = 'TrustPolicyError';
}
const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);
const TOKEN_REJECTED = new Set(['InvalidIdentityToken', 'InvalidIdentityTokenException', 'IDPRejectedClaim', 'IDPRejectedClaimException']);
function errorName(error) {
    return typeof error === 'object' && error !== null && typeof error.name === 'string'
        ? error.name
        : 'Error';
}
/**
 * Turns an AssumeRoleWithWebIdentity refusal into an error a user can act on: the claims the trust
 * policy was matched against (sub, aud, job_workflow_ref — never the token itself) and a condition
 * that would match them, in both the classic and the immutable-ID subject forms. Other errors are
 * returned unchanged.
 */
function explainWebIdentityFailure(error, role, token, audience) {
    const name = errorName(error);
    if (!DENIED.has(name) && !TOKEN_REJECTED.has(name))
        return error;
    const claims = token === undefined ? undefined : decodeTokenClaims(token);
    const lines = [`Could not assume ${role.arn} with the job's GitHub OIDC token (${name}: ${(0,errors/* errorMessage */.gJ)(error)})`];
    if (!claims) {
        lines.push("The token's claims could not be read, so the trust policy cannot be compared with them.");
        return new TrustPolicyError(lines.join('\n'), { cause: error });
    }
    lines.push(describeClaims(claims));
    const issuer = claims.iss.replace(/^https:\/\//, '');
    const provider = `arn:${role.partition}:iam::${role.accountId}:oidc-provider/${issuer}`;
    if (TOKEN_REJECTED.has(name)) {
        lines.push(`AWS rejected the token itself: check that account ${role.accountId} has the OIDC identity provider ${provider} and that its audiences (client IDs) include "${audience}".`);
    }
    else {
        lines.push(...trustPolicyHint(claims, issuer, provider));
    }
    return new TrustPolicyError(lines.join('\n'), { cause: error });
}
function describeClaims(claims) {
    const parts = [`sub "${claims.sub}"`, `aud "${claims.aud.join('", "')}"`];
    if (claims.job_workflow_ref)
        parts.push(`job_workflow_ref "${claims.job_workflow_ref}"`);
    return `The token's claims: ${parts.join(', ')}.`;
}
function trustPolicyHint(claims, issuer, provider) {
    const forms = subjectForms(claims);
    const condition = (sub) => JSON.stringify({ StringEquals: { [`${issuer}:aud`]: claims.aud[0] ?? 'sts.amazonaws.com', [`${issuer}:sub`]: sub } });
    const lines = [
        `The role's trust policy needs a statement allowing sts:AssumeRoleWithWebIdentity for the principal {"Federated": "${provider}"} whose Condition matches these claims, for example:`,
    ];
    if (forms.classic)
        lines.push(`  classic subject: "Condition": ${condition(forms.classic)}`);
    if (forms.immutable)
        lines.push(`  immutable-ID subject: "Condition": ${condition(forms.immutable)}`);
    if (!forms.classic && !forms.immutable) {
        lines.push(`  customised subject: "Condition": ${condition(claims.sub)}`);
    }
    else if (forms.immutable === claims.sub) {
        lines.push('This token uses the immutable-ID subject: a condition written for the classic repo:ORG/REPO:… form does not match it.');
    }
    else if (forms.immutable) {
        lines.push('This token uses the classic subject: a condition written for the immutable-ID form (repo:ORG@ID/REPO@ID:…) does not match it.');
    }
    if (claims.job_workflow_ref) {
        lines.push(`A condition on ${issuer}:job_workflow_ref must match "${claims.job_workflow_ref}" (the reusable workflow that runs this job).`);
    }
    return lines;
}
/** AssumeRole (role chaining) refusals: the target's trust policy must name the current role. */
function explainChainingFailure(error, role, sourceArn) {
    if (!DENIED.has(errorName(error)))
        return error;
    const who = sourceArn ? `{"AWS": "${sourceArn}"}` : 'the role of the current credentials';
    return new TrustPolicyError(`Could not assume ${role.arn} from the current credentials (AccessDenied: ${(0,errors/* errorMessage */.gJ)(error)})\n` +
        `Its trust policy must allow sts:AssumeRole (and sts:TagSession when tags are passed) for the principal ${who}, and that role needs sts:AssumeRole on ${role.arn}.`, { cause: error });
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/assume-role.js





/** STS timeouts: fail a dead connection fast and let the retry primitive decide. */
const STS_CONNECTION_TIMEOUT_MS = 5_000;
const STS_REQUEST_TIMEOUT_MS = 15_000;
/** An STS client with the SDK's own retries off (one attempt per call) so that `retry` alone decides. */
function createStsClient(region, credentials) {
    return (0,aws/* createAwsClient */.nV)(client_sts_dist_cjs/* STSClient */.iM, {
        region,
        maxAttempts: 1,
        connectionTimeoutMs: STS_CONNECTION_TIMEOUT_MS,
        requestTimeoutMs: STS_REQUEST_TIMEOUT_MS,
        ...(credentials ? { credentials } : {}),
    });
}
/** GitHub OIDC token → AssumeRoleWithWebIdentity, a fresh token for every attempt. */
async function assumeRoleWithWebIdentity(request, audience, deps) {
    let lastToken;
    try {
        return await retry(async () => {
            lastToken = undefined;
            const token = await deps.getIdToken(audience);
            (0,secrets/* maskSecret */.$)(token);
            lastToken = token;
            const response = await deps.sts.send(new client_sts_dist_cjs/* AssumeRoleWithWebIdentityCommand */.WH({ ...commonParameters(request), WebIdentityToken: token }));
            return toSession(response.Credentials, response.AssumedRoleUser?.Arn);
        }, { ...deps.retry, label: 'sts:AssumeRoleWithWebIdentity', log: deps.log });
    }
    catch (error) {
        throw explainWebIdentityFailure(error, request.role, lastToken, audience);
    }
}
/** Role chaining: AssumeRole with the credentials the STS client was built with. */
async function assumeRoleWithCredentials(request, sourceArn, deps) {
    try {
        return await retry(async () => {
            const response = await deps.sts.send(new client_sts_dist_cjs/* AssumeRoleCommand */.QL(commonParameters(request)));
            return toSession(response.Credentials, response.AssumedRoleUser?.Arn);
        }, { ...deps.retry, label: 'sts:AssumeRole', log: deps.log });
    }
    catch (error) {
        throw explainChainingFailure(error, request.role, sourceArn);
    }
}
function commonParameters(request) {
    return {
        RoleArn: request.role.arn,
        RoleSessionName: request.sessionName,
        DurationSeconds: request.durationSeconds,
        ...(request.policy ? { Policy: request.policy } : {}),
        ...(request.managedPolicyArns.length > 0 ? { PolicyArns: request.managedPolicyArns.map((arn) => ({ arn })) } : {}),
    };
}
/** Checks the STS answer at the boundary and masks every credential before anything can print it. */
function toSession(credentials, assumedRoleArn) {
    const { AccessKeyId, SecretAccessKey, SessionToken, Expiration } = credentials ?? {};
    (0,secrets/* maskSecret */.$)(AccessKeyId);
    (0,secrets/* maskSecret */.$)(SecretAccessKey);
    (0,secrets/* maskSecret */.$)(SessionToken);
    if (!AccessKeyId || !SecretAccessKey || !SessionToken || !(Expiration instanceof Date) || Number.isNaN(Expiration.getTime())) {
        throw new Error('STS answered without complete credentials (AccessKeyId, SecretAccessKey, SessionToken, Expiration)');
    }
    const account = /^arn:[a-z-]+:sts::(\d{12}):assumed-role\//.exec(assumedRoleArn ?? '')?.[1];
    if (!assumedRoleArn || !account)
        throw new Error(`STS answered with an unexpected AssumedRoleUser ARN '${assumedRoleArn ?? ''}'`);
    return {
        credentials: { accessKeyId: AccessKeyId, secretAccessKey: SecretAccessKey, sessionToken: SessionToken, expiration: Expiration },
        assumedRoleArn,
        accountId: account,
    };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/arns.js

/**
 * Every AWS partition, as IAM spells it in ARNs. Listed rather than matched loosely so that a typo
 * (`arn:aws-gov:`) fails here instead of as an opaque STS ValidationError.
 */
const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];
const ACCOUNT_ID = /^\d{12}$/;
/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
/** IAM paths: `/`, or `/`-delimited segments of printable ASCII, at most 512 characters. */
const ROLE_PATH = /^\/(?:[\x21-\x2E\x30-\x7E]+\/)*$/;
const ROLE_ARN = /^arn:([a-z-]+):iam::([^:]*):role(\/.*)$/;
/** The partition a region belongs to, for turning a bare role name into an ARN. */
function partitionOfRegion(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    if (region.startsWith('us-isob-'))
        return 'aws-iso-b';
    if (region.startsWith('us-isof-') || region.startsWith('eu-isof-'))
        return 'aws-iso-f';
    if (region.startsWith('eu-isoe-'))
        return 'aws-iso-e';
    if (region.startsWith('us-iso-'))
        return 'aws-iso';
    if (region.startsWith('eusc-'))
        return 'aws-eusc';
    return 'aws';
}
/**
 * `role-to-assume` as a role ARN of any partition, or a role name (optionally with a path) plus
 * `aws-account-id`, as configure-aws-credentials accepts it.
 */
function parseRoleToAssume(value, accountId, region, input = 'role-to-assume') {
    if (value.startsWith('arn:')) {
        const match = ROLE_ARN.exec(value);
        if (!match) {
            throw new errors/* InputError */.dz(input, `'${value}' is not an IAM role ARN`, 'Use arn:<partition>:iam::<12-digit account>:role/<name>, for example arn:aws:iam::123456789012:role/deploy');
        }
        const [, partition = '', account = '', pathAndName = ''] = match;
        if (!isPartition(partition))
            throw new errors/* InputError */.dz(input, `'${partition}' is not an AWS partition`, `Use one of: ${PARTITIONS.join(', ')}`);
        if (!ACCOUNT_ID.test(account))
            throw new errors/* InputError */.dz(input, `'${account}' is not a 12-digit AWS account ID`, 'Put the account that owns the role between the colons after iam::');
        if (accountId !== undefined && accountId !== account) {
            throw new errors/* InputError */.dz('aws-account-id', `${accountId} differs from the account ${account} in role-to-assume`, 'Remove aws-account-id when role-to-assume is an ARN');
        }
        return { arn: value, partition, accountId: account, name: splitRolePath(pathAndName, input) };
    }
    if (accountId === undefined) {
        throw new errors/* InputError */.dz(input, `'${value}' is a role name but aws-account-id is not set`, 'Give the full role ARN, or set aws-account-id to the account that owns the role');
    }
    if (!ACCOUNT_ID.test(accountId))
        throw new errors/* InputError */.dz('aws-account-id', `'${accountId}' is not a 12-digit AWS account ID`, 'Use the 12 digits, without dashes');
    const pathAndName = value.startsWith('/') ? value : `/${value}`;
    const name = splitRolePath(pathAndName, input);
    const partition = partitionOfRegion(region);
    return { arn: `arn:${partition}:iam::${accountId}:role${pathAndName}`, partition, accountId, name };
}
function splitRolePath(pathAndName, input) {
    const at = pathAndName.lastIndexOf('/');
    const path = pathAndName.slice(0, at + 1);
    const name = pathAndName.slice(at + 1);
    if (!ROLE_NAME.test(name)) {
        throw new errors/* InputError */.dz(input, `'${name}' is not a valid role name`, 'Role names are 1–64 characters of letters, digits and +=,.@_-');
    }
    if (path.length > 512 || !ROLE_PATH.test(path)) {
        throw new errors/* InputError */.dz(input, `'${path}' is not a valid IAM path`, 'Paths start and end with / and hold printable ASCII, for example /ci/');
    }
    return name;
}
function isPartition(value) {
    return PARTITIONS.includes(value);
}
/** What STS accepts as RoleSessionName: 2–64 characters of letters, digits and `+=,.@_-`. */
function validateSessionName(value, input = 'role-session-name') {
    if (value.length < 2 || value.length > 64) {
        throw new InputError(input, `'${value}' is ${value.length} characters long`, 'Use 2 to 64 characters of letters, digits and +=,.@_-');
    }
    const bad = [...value].find((char) => !/[\w+=,.@-]/.test(char));
    if (bad !== undefined) {
        throw new InputError(input, `'${value}' contains '${bad}'`, 'Use only letters, digits and +=,.@_- (no spaces or slashes)');
    }
    return value;
}
const MANAGED_POLICY_ARN = /^arn:([a-z-]+):iam::(aws|\d{12}):policy\/(?:[\x21-\x2E\x30-\x7E]+\/)*[\w+=,.@-]{1,128}$/;
/** STS takes at most 10 managed session policies per call. */
const MAX_MANAGED_POLICIES = 10;
/** `managed-session-policies`: IAM managed policy ARNs in the role's partition, no duplicates, at most 10. */
function validateManagedPolicyArns(arns, partition, input = 'managed-session-policies') {
    if (arns.length > MAX_MANAGED_POLICIES) {
        throw new InputError(input, `${arns.length} policy ARNs were given; STS accepts at most ${MAX_MANAGED_POLICIES}`, 'Merge some of them into one managed policy, or move statements into inline-session-policy');
    }
    const seen = new Set();
    for (const arn of arns) {
        const match = MANAGED_POLICY_ARN.exec(arn);
        if (!match) {
            throw new InputError(input, `'${arn}' is not an IAM managed policy ARN`, 'Use arn:<partition>:iam::<account or aws>:policy/<name>, one per line');
        }
        if (match[1] !== partition) {
            throw new InputError(input, `'${arn}' is in partition ${match[1]} but the role is in ${partition}`, `Use arn:${partition}:iam::… policy ARNs`);
        }
        if (seen.has(arn))
            throw new InputError(input, `'${arn}' is listed twice`, 'List each policy once');
        seen.add(arn);
    }
    return arns;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/aws-credentials/renewable-session.js


/**
 * What a later step (ecs-deploy) needs to assume the same role again when a long rollout outlives
 * the credentials: the web-identity hop aws-credentials made, plus any role-chaining hops after it.
 * None of it is secret — the OIDC token is fetched afresh by the renewing step.
 */
const RENEW_ENV = {
    roleArn: 'ECS_DELIVERY_ROLE_ARN',
    sessionName: 'ECS_DELIVERY_ROLE_SESSION_NAME',
    duration: 'ECS_DELIVERY_ROLE_DURATION',
    policy: 'ECS_DELIVERY_SESSION_POLICY',
    managedPolicies: 'ECS_DELIVERY_MANAGED_SESSION_POLICIES',
    audience: 'ECS_DELIVERY_AUDIENCE',
    chain: 'ECS_DELIVERY_ROLE_CHAIN',
};
/** The variables to export (GITHUB_ENV) so that later steps can renew. */
function renewableSessionEnv(session) {
    const hop = session.webIdentity;
    return {
        [RENEW_ENV.roleArn]: hop.roleArn,
        [RENEW_ENV.sessionName]: hop.sessionName,
        [RENEW_ENV.duration]: String(hop.durationSeconds),
        [RENEW_ENV.policy]: hop.policy ?? '',
        [RENEW_ENV.managedPolicies]: hop.managedPolicyArns.join(','),
        [RENEW_ENV.audience]: session.audience,
        [RENEW_ENV.chain]: session.chain.length > 0 ? JSON.stringify(session.chain) : '',
    };
}
/**
 * Reads what an earlier aws-credentials step exported; undefined when it did not run (or ran with
 * nothing renewable). Malformed values throw: they were written by us, so they mean tampering or a bug.
 */
function readRenewableSession(env) {
    const roleArn = env[RENEW_ENV.roleArn];
    const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
    if (!roleArn || !region)
        return undefined;
    const duration = Number(env[RENEW_ENV.duration]);
    if (!Number.isInteger(duration))
        throw new Error(`${RENEW_ENV.duration} is not a whole number of seconds`);
    const webIdentity = {
        roleArn,
        sessionName: env[RENEW_ENV.sessionName] || 'GitHubActions',
        durationSeconds: duration,
        ...(env[RENEW_ENV.policy] ? { policy: env[RENEW_ENV.policy] } : {}),
        managedPolicyArns: (env[RENEW_ENV.managedPolicies] ?? '').split(',').filter(Boolean),
    };
    return { region, audience: env[RENEW_ENV.audience] || 'sts.amazonaws.com', webIdentity, chain: parseChain(env[RENEW_ENV.chain]) };
}
function parseChain(text) {
    if (!text)
        return [];
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        throw new Error(`${RENEW_ENV.chain} is not valid JSON`);
    }
    if (!Array.isArray(value) || !value.every(isHop))
        throw new Error(`${RENEW_ENV.chain} is not a list of role hops`);
    return value;
}
function isHop(value) {
    if (typeof value !== 'object' || value === null)
        return false;
    const hop = value;
    return (typeof hop.roleArn === 'string' &&
        typeof hop.sessionName === 'string' &&
        Number.isInteger(hop.durationSeconds) &&
        (hop.policy === undefined || typeof hop.policy === 'string') &&
        Array.isArray(hop.managedPolicyArns) &&
        hop.managedPolicyArns.every((arn) => typeof arn === 'string'));
}
/** Assumes the same role again: a fresh OIDC token, then each chained hop with the previous credentials. */
async function renewSession(session, deps) {
    const request = (hop) => ({
        role: parseRoleToAssume(hop.roleArn, undefined, session.region),
        sessionName: hop.sessionName,
        durationSeconds: hop.durationSeconds,
        ...(hop.policy ? { policy: hop.policy } : {}),
        managedPolicyArns: hop.managedPolicyArns,
    });
    let current = await assumeRoleWithWebIdentity(request(session.webIdentity), session.audience, {
        ...deps,
        sts: deps.createSts(session.region),
    });
    for (const hop of session.chain) {
        const sts = deps.createSts(session.region, current.credentials);
        current = await assumeRoleWithCredentials(request(hop), current.assumedRoleArn, { ...deps, sts });
    }
    return current;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/aws-clients.js







function createAwsClients(region, maxRetries, renewal) {
    let credentials;
    const build = () => {
        const options = { region, maxAttempts: maxRetries + 1, ...(credentials ? { credentials } : {}) };
        return {
            ecs: (0,aws/* createAwsClient */.nV)(client_ecs_dist_cjs/* ECSClient */.Zgc, options),
            // One quick retry per poll; the watcher's own cadence retries the rest.
            ecsPoll: (0,aws/* createAwsClient */.nV)(client_ecs_dist_cjs/* ECSClient */.Zgc, { ...options, maxAttempts: Math.min(2, maxRetries + 1) }),
            elbv2: (0,aws/* createAwsClient */.nV)(client_elastic_load_balancing_v2_dist_cjs/* ElasticLoadBalancingV2Client */.MlD, options),
            logs: (0,aws/* createAwsClient */.nV)(dist_cjs/* CloudWatchLogsClient */.TFr, options),
        };
    };
    let current = build();
    const destroy = (clients) => Object.values(clients).forEach((client) => client.destroy());
    const session = renewal ? renewableSession(renewal, region) : undefined;
    return {
        ecs: { send: ((...args) => current.ecs.send(...args)) },
        ecsPoll: { send: ((...args) => current.ecsPoll.send(...args)) },
        elbv2: {
            send: ((...args) => current.elbv2.send(...args)),
        },
        logs: { send: ((...args) => current.logs.send(...args)) },
        ...(session
            ? {
                renewCredentials: async () => {
                    const assumed = await renewSession(session, {
                        createSts: createStsClient,
                        getIdToken: (audience) => core/* getIDToken */.V9(audience),
                        retry: { maxAttempts: 3 },
                        log: (line) => core/* info */.pq(line),
                    });
                    credentials = assumed.credentials;
                    const previous = current;
                    current = build();
                    destroy(previous);
                    // Later steps of the job get the fresh session too (the values are masked already).
                    core/* exportVariable */.dN('AWS_ACCESS_KEY_ID', assumed.credentials.accessKeyId);
                    core/* exportVariable */.dN('AWS_SECRET_ACCESS_KEY', assumed.credentials.secretAccessKey);
                    core/* exportVariable */.dN('AWS_SESSION_TOKEN', assumed.credentials.sessionToken);
                    core/* info */.pq(`Assumed ${assumed.assumedRoleArn} again; the new credentials are valid until ${assumed.credentials.expiration.toISOString()}`);
                },
            }
            : {}),
        destroy: () => destroy(current),
    };
}
/** What to assume again: the role given as input, else the hops aws-credentials exported. */
function renewableSession(renewal, region) {
    const exported = readRenewableSession(renewal.exported);
    if (!renewal.roleToAssume)
        return exported;
    const sameRole = exported?.webIdentity.roleArn === renewal.roleToAssume;
    return {
        region,
        audience: exported?.audience ?? 'sts.amazonaws.com',
        webIdentity: sameRole && exported
            ? exported.webIdentity
            : { roleArn: renewal.roleToAssume, sessionName: renewal.sessionName, durationSeconds: 3600, managedPolicyArns: [] },
        chain: [],
    };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/aws-call.js

/**
 * One funnel for every ECS, ELBv2 and Logs call of the deploy and rollback logic: the SDK already
 * retried throttling and 5xx (maxAttempts); what reaches here is final, so it is turned into an error
 * that says what we were doing and, for known mistakes, the fix.
 */
/** The caller lacks an IAM permission. Never retried; names the permission. */
class AccessDeniedError extends Error {
    permission;
    name = 'AccessDeniedError';
    constructor(message, permission, options) {
        super(message, options);
        this.permission = permission;
    }
}
/** The session expired and could not be renewed: waiting longer cannot help. */
class CredentialsExpiredError extends Error {
    name = 'CredentialsExpiredError';
}
const ACCESS_DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'UnauthorizedException']);
const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'TokenRefreshRequired']);
function aws_call_errorName(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const record = error;
    for (const value of [record.name, record.Code, record.code])
        if (typeof value === 'string' && value !== 'Error')
            return value;
    return undefined;
}
function isAccessDenied(error) {
    return ACCESS_DENIED.has(aws_call_errorName(error) ?? '');
}
function isExpiredCredentials(error) {
    return EXPIRED.has(aws_call_errorName(error) ?? '');
}
/**
 * Runs one AWS call. `what` reads as "describe service web in cluster prod"; `permission` is the IAM
 * action it needs. Expired credentials are renewed once (when the job can) and the call repeated.
 */
async function awsCall(deps, what, permission, call) {
    try {
        return await call();
    }
    catch (error) {
        if (!isExpiredCredentials(error))
            throw explain(error, what, permission);
        if (!deps.renewCredentials) {
            throw new CredentialsExpiredError(`${what}: the AWS credentials expired (${(0,errors/* errorMessage */.gJ)(error)}) and cannot be renewed. Give the job 'permissions: id-token: write' and run aws-credentials (or set role-to-assume) so that ecs-deploy can assume the role again, or ask for a longer session`, { cause: error });
        }
        deps.log.info(`The AWS credentials expired while trying to ${what}; assuming the role again`);
        try {
            await deps.renewCredentials();
        }
        catch (renewError) {
            throw new CredentialsExpiredError(`${what}: the AWS credentials expired and renewing them failed: ${(0,errors/* errorMessage */.gJ)(renewError)}`, {
                cause: renewError,
            });
        }
        try {
            return await call();
        }
        catch (retryError) {
            throw explain(retryError, what, permission);
        }
    }
}
function explain(error, what, permission) {
    const message = (0,errors/* errorMessage */.gJ)(error);
    if (isAccessDenied(error)) {
        return new AccessDeniedError(`Failed to ${what}: access denied (${message}). The role needs the IAM permission ${permission}`, permission, { cause: error });
    }
    if (isExpiredCredentials(error))
        return new CredentialsExpiredError(`Failed to ${what}: the AWS credentials expired again right after renewal (${message})`, {
            cause: error,
        });
    const wrapped = new Error(`Failed to ${what}: ${aws_call_errorName(error) ?? 'error'}: ${message}`, { cause: error });
    return wrapped;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/deployment-assessment.js
function assessDeployment(service, serviceDeployment, deploymentId) {
    return serviceDeployment ? fromServiceDeployment(serviceDeployment) : fromDeployments(service.deployments ?? [], deploymentId);
}
function fromServiceDeployment(sd) {
    const reason = sd.rollback?.reason ?? sd.statusReason;
    switch (sd.status) {
        case 'SUCCESSFUL':
            return { state: 'succeeded' };
        case 'ROLLBACK_REQUESTED':
        case 'ROLLBACK_IN_PROGRESS':
            return failed(reason ?? 'ECS started rolling back the deployment', 'ecs-in-progress', true);
        case 'ROLLBACK_SUCCESSFUL':
            return failed(reason ?? 'ECS rolled back the deployment', 'ecs-succeeded', false);
        case 'ROLLBACK_FAILED':
            return failed(reason ?? 'ECS could not roll back the deployment', 'ecs-failed', false);
        case 'STOPPED':
        case 'STOP_REQUESTED':
            return failed(reason ?? 'ECS stopped the deployment', /newer deployment|superseded|replaced/i.test(reason ?? '') ? 'superseded' : 'none', false);
        default: {
            const monitors = triggeredMonitor(sd);
            if (monitors) {
                const rollback = monitors.rollback ? 'ecs-in-progress' : 'none';
                return failed(reason ?? monitors.reason, rollback, monitors.rollback);
            }
            return { state: 'in-progress', ...(sd.lifecycleStage ? { stage: sd.lifecycleStage } : {}) };
        }
    }
}
/** The circuit breaker or an alarm fired while ECS still reports the deployment in progress. */
function triggeredMonitor(sd) {
    const config = sd.deploymentConfiguration;
    const breaker = sd.deploymentCircuitBreaker;
    if (breaker?.status === 'TRIGGERED') {
        const counts = breaker.failureCount !== undefined ? ` after ${breaker.failureCount} failed tasks (threshold ${breaker.threshold ?? '?'})` : '';
        return { reason: `the deployment circuit breaker triggered${counts}`, rollback: config?.deploymentCircuitBreaker?.rollback === true };
    }
    if (sd.alarms?.status === 'TRIGGERED') {
        const names = sd.alarms.triggeredAlarmNames?.join(', ') ?? 'an alarm';
        return { reason: `CloudWatch alarm ${names} went into ALARM`, rollback: config?.alarms?.rollback === true };
    }
    return undefined;
}
function fromDeployments(deployments, deploymentId) {
    const ours = deployments.find((d) => d.id === deploymentId);
    const primary = deployments.find((d) => d.status === 'PRIMARY');
    if (!ours) {
        // Ours went INACTIVE: a newer deployment (ECS's rollback or someone else's) took over.
        return failed('the deployment was replaced by a newer deployment of the service', 'superseded', false);
    }
    if (ours.rolloutState === 'COMPLETED' && ours.status === 'PRIMARY')
        return { state: 'succeeded' };
    if (ours.rolloutState === 'FAILED' || ours.status !== 'PRIMARY') {
        const reason = ours.rolloutStateReason || 'ECS marked the deployment FAILED';
        if (primary && primary.id !== ours.id) {
            // A circuit-breaker rollback is a new PRIMARY deployment of the previous task definition.
            if (primary.rolloutState === 'COMPLETED')
                return failed(reason, 'ecs-succeeded', false);
            if (primary.rolloutState === 'FAILED')
                return failed(reason, 'ecs-failed', false);
            return failed(reason, 'ecs-in-progress', true);
        }
        return failed(reason, 'none', false);
    }
    return { state: 'in-progress' };
}
function failed(reason, rollback, inFlight) {
    return { state: 'failed', reason, rollback, inFlight };
}
/** The deployment UpdateService created: the PRIMARY one in its response. */
function newPrimaryDeployment(service) {
    return service?.deployments?.find((d) => d.status === 'PRIMARY');
}
/** ECS's own threshold for its circuit breaker, reused when the breaker is off: half the desired count, 3 to 200. */
function failureThreshold(desiredCount) {
    return Math.min(200, Math.max(3, Math.ceil(desiredCount / 2)));
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/service-events.js
/**
 * Prints each service event once, oldest first, as it appears. DescribeServices returns the newest
 * events first (at most 100), so events are remembered by id rather than by position; the events
 * that existed before this run are marked seen up front and never printed.
 */
class ServiceEventTracker {
    seen = new Set();
    /** Marks every current event as already seen (the select phase calls this before acting). */
    markSeen(events) {
        for (const event of events ?? [])
            if (event.id)
                this.seen.add(event.id);
    }
    /** The events not printed yet, oldest first, and remembers them. */
    takeNew(events) {
        const fresh = (events ?? []).filter((event) => event.id !== undefined && !this.seen.has(event.id));
        for (const event of fresh)
            if (event.id)
                this.seen.add(event.id);
        return fresh.sort((a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0));
    }
}
/** `2026-05-04T10:11:12Z (service web) has reached a steady state.` */
function formatEvent(event) {
    const at = event.createdAt ? event.createdAt.toISOString().replace(/\.\d{3}Z$/, 'Z') : '';
    return `${at} ${event.message ?? ''}`.trim();
}
/** ECS's words when no capacity fits the task (EC2 capacity, ENIs, placement constraints). */
function isUnableToPlace(event) {
    return /was unable to place a task/i.test(event.message ?? '');
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/log-tail.js



/** Container name → where its awslogs go; containers without awslogs (or without a prefix) are absent. */
function awslogsTargets(containers) {
    const targets = new Map();
    for (const container of containers ?? []) {
        const options = container.logConfiguration?.logDriver === 'awslogs' ? container.logConfiguration.options : undefined;
        const group = options?.['awslogs-group'];
        const streamPrefix = options?.['awslogs-stream-prefix'];
        if (container.name && group && streamPrefix)
            targets.set(container.name, { group, streamPrefix });
    }
    return targets;
}
function taskId(taskArn) {
    return taskArn.slice(taskArn.lastIndexOf('/') + 1);
}
const LOG_LINES = 10;
/**
 * The last `limit` lines of one container of one task. Logs are a courtesy: a missing stream or a
 * missing logs:GetLogEvents permission becomes a note, never a failure of the deployment itself.
 */
async function lastLogLines(target, containerName, taskArn, deps, limit = LOG_LINES) {
    const logStreamName = `${target.streamPrefix}/${containerName}/${taskId(taskArn)}`;
    try {
        const response = await awsCall(deps, `read log stream ${logStreamName}`, 'logs:GetLogEvents', () => deps.logs.send(new dist_cjs/* GetLogEventsCommand */.h7S({ logGroupName: target.group, logStreamName, limit, startFromHead: false })));
        return (response.events ?? []).map((event) => (event.message ?? '').replace(/\s+$/, '')).slice(-limit);
    }
    catch (error) {
        return [`(no log lines: ${(0,errors/* errorMessage */.gJ)(error)})`];
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/stopped-tasks.js



/** Describes tasks (at most 100 per call) and explains each stop, reading the tail of each container's log. */
async function explainStoppedTasks(tasks, containerDefinitions, deps) {
    const logs = awslogsTargets(containerDefinitions);
    const essential = new Map((containerDefinitions ?? []).map((c) => [c.name ?? '', c.essential !== false]));
    const explained = [];
    for (const task of tasks) {
        const taskArn = task.taskArn ?? '';
        const stoppedReason = task.stoppedReason ?? 'no reason given by ECS';
        const containers = [];
        for (const container of task.containers ?? []) {
            const name = container.name ?? '?';
            const target = logs.get(name);
            // A container that never started has no log to read.
            const logLines = target && container.exitCode !== undefined ? await lastLogLines(target, name, taskArn, deps) : [];
            containers.push({
                name,
                essential: essential.get(name) ?? true,
                ...(container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
                ...(container.reason || container.exitCode === undefined ? { reason: container.reason ?? stoppedReason } : {}),
                logLines,
            });
        }
        explained.push({
            taskArn,
            taskDefinitionArn: task.taskDefinitionArn ?? '',
            stoppedReason,
            ...(task.stopCode ? { stopCode: task.stopCode } : {}),
            ...(task.stoppedAt ? { stoppedAt: task.stoppedAt } : {}),
            containers,
        });
    }
    return explained;
}
/** Task ARNs in a cluster, optionally of one service and/or desired status. */
async function listTaskArns(deps, cluster, filter) {
    const response = await awsCall(deps, `list tasks in cluster ${cluster}`, 'ecs:ListTasks', () => deps.ecs.send(new client_ecs_dist_cjs/* ListTasksCommand */.MYg({ cluster, ...filter, maxResults: 100 })));
    return response.taskArns ?? [];
}
async function describeTasks(deps, cluster, taskArns) {
    if (taskArns.length === 0)
        return [];
    const response = await awsCall(deps, `describe tasks in cluster ${cluster}`, 'ecs:DescribeTasks', () => deps.ecs.send(new client_ecs_dist_cjs/* DescribeTasksCommand */.z8X({ cluster, tasks: taskArns.slice(0, 100) })));
    return response.tasks ?? [];
}
/** Log lines a user reads in the Actions log, one task at a time. */
function formatStoppedTask(task) {
    const lines = [`Task ${taskId(task.taskArn)} stopped: ${task.stoppedReason}`];
    for (const container of task.containers) {
        const outcome = container.exitCode !== undefined ? `exit code ${container.exitCode}` : 'no exit code';
        const reason = container.reason ? ` — ${container.reason}` : '';
        lines.push(`  container ${container.name}${container.essential ? '' : ' (not essential)'}: ${outcome}${reason}`);
        if (container.logLines.length > 0) {
            lines.push(`  last log lines of ${container.name}:`);
            for (const line of container.logLines)
                lines.push(`    | ${line}`);
        }
    }
    return lines;
}
/** The one-line version for error annotations and summaries. */
function summarizeStoppedTask(task) {
    const parts = task.containers
        .filter((c) => c.essential)
        .map((c) => `${c.name}: ${c.exitCode !== undefined ? `exit ${c.exitCode}` : (c.reason ?? 'no exit code')}`);
    const lastLine = task.containers
        .flatMap((c) => c.logLines)
        .filter((l) => !l.startsWith('(no log lines'))
        .at(-1);
    return `${task.stoppedReason}${parts.length > 0 ? ` (${parts.join('; ')})` : ''}${lastLine ? `; last log line: ${lastLine}` : ''}`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/failure-signals.js



/** Polls in a row that "unable to place" may last, with nothing of ours running, before it counts as failure. */
const UNABLE_TO_PLACE_POLLS = 3;
// Not "has stopped N running tasks": every rollout stops the old tasks; failedTasks counts the failures.
const STOP_HINT = /health checks|CannotPullContainerError|failed to (start|launch)|is unhealthy|essential container/i;
/** Stops the scheduler makes on purpose (scale-in, replacing old tasks) are not failures. */
const DELIBERATE_STOP = /Scaling activity initiated by|Task stopped by user|ServiceSchedulerInitiated: deployment/i;
const PULL_ERROR = /CannotPullContainerError|pull image manifest|PullImageError|ImagePull/i;
class FailureSignals {
    request;
    deps;
    stoppedTasks = [];
    lastFailedTasks = 0;
    unableToPlace;
    breakerEnabled = false;
    desiredCount = 1;
    constructor(request, deps) {
        this.request = request;
        this.deps = deps;
    }
    /** Takes in one poll: looks for stopped tasks when ECS hints that some stopped. */
    async observe(service, ours, fresh) {
        this.breakerEnabled = service.deploymentConfiguration?.deploymentCircuitBreaker?.enable === true;
        this.desiredCount = ours?.desiredCount ?? service.desiredCount ?? 1;
        const failedTasks = ours?.failedTasks ?? 0;
        if (failedTasks > this.lastFailedTasks || fresh.some((event) => STOP_HINT.test(event.message ?? '')))
            await this.collectStopped();
        this.lastFailedTasks = Math.max(this.lastFailedTasks, failedTasks);
        const placement = fresh.find(isUnableToPlace);
        if (placement)
            this.unableToPlace ??= { message: placement.message ?? '', polls: 0 };
        if (this.unableToPlace) {
            if ((ours?.runningCount ?? 0) > 0)
                this.unableToPlace = undefined;
            else
                this.unableToPlace.polls += 1;
        }
    }
    /** Finds tasks of the new revision that stopped since the last look, explains and prints each once. */
    async collectStopped() {
        const { ref } = this.request;
        const arns = (await listTaskArns(this.deps, ref.cluster, { serviceName: ref.service, desiredStatus: 'STOPPED' })).filter((arn) => !this.request.seenTasks.has(arn));
        if (arns.length === 0)
            return;
        const tasks = await describeTasks(this.deps, ref.cluster, arns);
        const stopped = tasks.filter((task) => task.lastStatus === 'STOPPED' || task.stoppedReason !== undefined);
        for (const task of stopped)
            if (task.taskArn)
                this.request.seenTasks.add(task.taskArn);
        const ours = stopped.filter((task) => task.taskDefinitionArn === this.request.taskDefinitionArn && !DELIBERATE_STOP.test(task.stoppedReason ?? ''));
        for (const explained of await explainStoppedTasks(ours, this.request.containerDefinitions, this.deps)) {
            this.stoppedTasks.push(explained);
            for (const line of formatStoppedTask(explained))
                this.deps.log.info(line);
            this.request.timeline.add(`Task stopped: ${summarizeStoppedTask(explained)}`);
        }
    }
    /** A failure verdict from our own signals, or undefined while none fired. */
    verdict() {
        const pull = this.stoppedTasks.find((task) => PULL_ERROR.test([task.stoppedReason, ...task.containers.map((c) => c.reason ?? '')].join(' ')));
        if (pull) {
            const reason = pull.containers.find((c) => PULL_ERROR.test(c.reason ?? ''))?.reason ?? pull.stoppedReason;
            return { state: 'failed', reason: `the image cannot be pulled: ${reason}`, rollback: 'none', inFlight: true };
        }
        const threshold = failureThreshold(this.desiredCount);
        const last = this.stoppedTasks.at(-1);
        if (!this.breakerEnabled && last && this.stoppedTasks.length >= threshold) {
            return {
                state: 'failed',
                reason: `${this.stoppedTasks.length} tasks of the new revision stopped (the circuit breaker is off; failing at ECS's own threshold of ${threshold}). Last one: ${summarizeStoppedTask(last)}`,
                rollback: 'none',
                inFlight: true,
            };
        }
        if (this.unableToPlace && this.unableToPlace.polls >= UNABLE_TO_PLACE_POLLS) {
            return { state: 'failed', reason: `ECS cannot place the new tasks: ${this.unableToPlace.message}`, rollback: 'none', inFlight: true };
        }
        return undefined;
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/service-deployments.js



/**
 * The service-deployment API (2024): one record per deployment with its status, rollback and
 * circuit-breaker/alarm state, and the service revisions with the image digests that actually ran.
 * https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServiceDeployments.html
 */
/** Errors that mean "this endpoint or role cannot use the service-deployment API": fall back to deployments[]. */
const UNSUPPORTED = new Set(['UnknownOperationException', 'UnsupportedFeatureException', 'InvalidAction']);
/** The record, or 'unavailable' when the API cannot be used (then deployments[] is the oracle, with a warning). */
async function describeServiceDeployment(arn, ref, deps) {
    try {
        const response = await awsCall(deps, `describe service deployment ${arn}`, 'ecs:DescribeServiceDeployments', () => deps.ecs.send(new client_ecs_dist_cjs/* DescribeServiceDeploymentsCommand */.A6p({ serviceDeploymentArns: [arn] })));
        const found = response.serviceDeployments?.find((sd) => sd.serviceDeploymentArn === arn) ?? response.serviceDeployments?.[0];
        if (found)
            return found;
        deps.log.warning(`ECS did not return service deployment ${arn} (${response.failures?.[0]?.reason ?? 'no reason'}); following deployments[] of service ${ref.service} instead`);
        return 'unavailable';
    }
    catch (error) {
        const cause = error instanceof Error ? error.cause : undefined;
        if (error instanceof AccessDeniedError || isAccessDenied(cause) || UNSUPPORTED.has(aws_call_errorName(cause) ?? '')) {
            deps.log.warning(`${(0,errors/* errorMessage */.gJ)(error)}. Following deployments[] of service ${ref.service} instead; grant ecs:DescribeServiceDeployments for rollback and circuit-breaker details`);
            return 'unavailable';
        }
        throw error;
    }
}
/** Asks ECS to roll an in-flight deployment back to the revision it replaced. */
async function stopWithRollback(arn, deps) {
    await awsCall(deps, `stop service deployment ${arn} with rollback`, 'ecs:StopServiceDeployment', () => deps.ecs.send(new client_ecs_dist_cjs/* StopServiceDeploymentCommand */.a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' })));
}
/** Container name → image digest of a service revision: what actually runs, not the tag that was asked for. */
async function revisionImages(revisionArn, deps) {
    const response = await awsCall(deps, `describe service revision ${revisionArn}`, 'ecs:DescribeServiceRevisions', () => deps.ecs.send(new client_ecs_dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: [revisionArn] })));
    const images = {};
    for (const image of response.serviceRevisions?.[0]?.containerImages ?? []) {
        if (image.containerName)
            images[image.containerName] = image.imageDigest
                ? `${image.image?.replace(/[@:][^/]*$/, '') ?? ''}@${image.imageDigest}`.replace(/^@/, '')
                : (image.image ?? '');
    }
    return images;
}
/**
 * The service deployment an UpdateService just created: `currentServiceDeployment` in its answer,
 * else (older endpoints) the newest one listed for the service, accepted only when it targets our
 * task definition. Undefined means: follow deployments[] instead.
 */
async function serviceDeploymentFor(updated, ref, taskDefinitionArn, deps) {
    if (updated?.currentServiceDeployment)
        return updated.currentServiceDeployment;
    try {
        const listed = await awsCall(deps, `list service deployments of ${ref.service}`, 'ecs:ListServiceDeployments', () => deps.ecs.send(new client_ecs_dist_cjs/* ListServiceDeploymentsCommand */.jz8({ cluster: ref.cluster, service: ref.service, maxResults: 5 })));
        const newest = [...(listed.serviceDeployments ?? [])].sort((a, b) => (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0))[0];
        if (!newest?.serviceDeploymentArn || !newest.targetServiceRevisionArn)
            return undefined;
        const revisions = await awsCall(deps, `describe service revision ${newest.targetServiceRevisionArn}`, 'ecs:DescribeServiceRevisions', () => deps.ecs.send(new client_ecs_dist_cjs/* DescribeServiceRevisionsCommand */.oF5({ serviceRevisionArns: [newest.targetServiceRevisionArn ?? ''] })));
        return revisions.serviceRevisions?.[0]?.taskDefinition === taskDefinitionArn ? newest.serviceDeploymentArn : undefined;
    }
    catch (error) {
        const cause = error instanceof Error ? error.cause : undefined;
        if (error instanceof AccessDeniedError || isAccessDenied(cause) || UNSUPPORTED.has(aws_call_errorName(cause) ?? '')) {
            deps.log.warning(`${(0,errors/* errorMessage */.gJ)(error)}. Following deployments[] of service ${ref.service} instead`);
            return undefined;
        }
        throw error;
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/service-state.js



/**
 * Reading a service and the facts every phase needs from it: which deployment is PRIMARY, which task
 * definition was last known good, which deployment controller runs it.
 * DescribeServices: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_DescribeServices.html
 */
async function describeService(ref, deps) {
    const response = await awsCall(deps, `describe service ${ref.service} in cluster ${ref.cluster}`, 'ecs:DescribeServices', () => deps.ecs.send(new client_ecs_dist_cjs/* DescribeServicesCommand */.H7c({ cluster: ref.cluster, services: [ref.service] })));
    const service = response.services?.[0];
    const failure = response.failures?.[0];
    if (!service || service.status === 'INACTIVE') {
        const why = failure?.reason === 'MISSING' || !failure ? 'does not exist' : `cannot be read (${failure.reason ?? 'unknown'})`;
        throw new errors/* NotFoundError */.m_(`Service ${ref.service} ${why} in cluster ${ref.cluster} (region ${ref.region}). Check 'service', 'cluster' and the region`);
    }
    return service;
}
function primaryDeployment(service) {
    return service.deployments?.find((deployment) => deployment.status === 'PRIMARY');
}
/**
 * The task definition the service ran successfully before we touched it: the PRIMARY deployment
 * when its rollout COMPLETED. A deployment still IN_PROGRESS (or FAILED) is not known to be good,
 * so there is then nothing to roll back to by ARN (ECS's own rollback still works).
 */
function knownGoodTaskDefinition(service) {
    const primary = primaryDeployment(service);
    if (primary?.taskDefinition && (primary.rolloutState === 'COMPLETED' || primary.rolloutState === undefined)) {
        // Older services and the EXTERNAL controller have no rolloutState; one lone PRIMARY is steady.
        if (primary.rolloutState === 'COMPLETED' || service.deployments?.length === 1)
            return primary.taskDefinition;
    }
    return undefined;
}
/** Rolling and ECS blue/green are followed by the service-deployment API; CODE_DEPLOY and EXTERNAL are not ours to drive. */
function deploymentController(service) {
    const type = service.deploymentController?.type ?? 'ECS';
    if (type !== 'ECS')
        return { kind: 'unsupported', name: type };
    const strategy = service.deploymentConfiguration?.strategy ?? 'ROLLING';
    return { kind: strategy === 'BLUE_GREEN' ? 'blue-green' : 'rolling', name: strategy };
}
/** The circuit breaker settings, for messages that explain what ECS will and will not do. */
function circuitBreaker(service) {
    const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
    return { enabled: breaker?.enable === true, rollback: breaker?.rollback === true };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/deployment-watcher.js







/** Events that fill the log but say nothing a reader of the summary's timeline needs. */
const NOISY_EVENT = /(de)?registered \d+ targets|begun draining connections/;
/** Poll errors that can pass (throttling after the SDK's own retries, 5xx, resets) are tolerated this many times in a row. */
const MAX_CONSECUTIVE_POLL_ERRORS = 10;
/** Every this many polls the service-deployment record is re-read even when nothing moved (alarms show only there). */
const FULL_REFRESH_EVERY = 5;
async function watchDeployment(request, deps) {
    const signals = new FailureSignals(request, deps);
    let serviceDeployment;
    let useServiceDeployments = request.serviceDeploymentArn !== undefined;
    let lastLine = '';
    let lastService;
    let consecutiveErrors = 0;
    let lastKey = '';
    for (let polls = 1;; polls++) {
        const wait = Math.max(0, Math.min(request.pollIntervalMs, request.deadline - deps.clock.now()));
        await deps.clock.sleep(wait);
        try {
            const service = await describeService(request.ref, deps.ecsPoll ? { ...deps, ecs: deps.ecsPoll } : deps);
            lastService = service;
            consecutiveErrors = 0;
            const fresh = request.events.takeNew(service.events);
            for (const event of fresh) {
                deps.log.info(formatEvent(event));
                if (!NOISY_EVENT.test(event.message ?? ''))
                    request.timeline.add(event.message ?? '');
            }
            const ours = service.deployments?.find((d) => d.id === request.deploymentId);
            const key = `${ours?.rolloutState}|${ours?.failedTasks}|${service.deployments?.map((d) => `${d.id}:${d.status}:${d.rolloutState}`).join(',')}`;
            if (useServiceDeployments && request.serviceDeploymentArn && (key !== lastKey || polls % FULL_REFRESH_EVERY === 1)) {
                const described = await describeServiceDeployment(request.serviceDeploymentArn, request.ref, deps);
                if (described === 'unavailable')
                    useServiceDeployments = false;
                else
                    serviceDeployment = described;
            }
            lastKey = key;
            await signals.observe(service, ours, fresh);
            let verdict = assessDeployment(service, useServiceDeployments ? serviceDeployment : undefined, request.deploymentId);
            if (verdict.state === 'in-progress' && request.failFast)
                verdict = signals.verdict() ?? verdict;
            const line = progressLine(request.deploymentId, ours, serviceDeployment, verdict);
            if (line !== lastLine) {
                deps.log.info(line);
                lastLine = line;
            }
            if (isFinal(verdict, request.until)) {
                if (verdict.state === 'failed')
                    await signals.collectStopped();
                return { verdict, service, ...(serviceDeployment ? { serviceDeployment } : {}), stoppedTasks: signals.stoppedTasks, polls };
            }
        }
        catch (error) {
            consecutiveErrors += 1;
            if (!isRetryable(error) || consecutiveErrors > MAX_CONSECUTIVE_POLL_ERRORS)
                throw error;
            deps.log.warning(`Poll ${polls} failed (${(0,errors/* errorMessage */.gJ)(error)}); trying again at the next poll`);
        }
        if (deps.clock.now() >= request.deadline) {
            return {
                verdict: { state: 'timed-out' },
                ...(lastService ? { service: lastService } : {}),
                ...(serviceDeployment ? { serviceDeployment } : {}),
                stoppedTasks: signals.stoppedTasks,
                polls,
            };
        }
    }
}
function isFinal(verdict, until) {
    if (verdict.state === 'in-progress')
        return false;
    if (until === 'rollback-settled' && verdict.state === 'failed')
        return verdict.rollback !== 'ecs-in-progress';
    return true;
}
function progressLine(deploymentId, ours, sd, verdict) {
    const counts = ours
        ? `running ${ours.runningCount ?? 0}/${ours.desiredCount ?? 0}, pending ${ours.pendingCount ?? 0}, failed ${ours.failedTasks ?? 0}`
        : 'no longer listed';
    const state = sd?.status ?? ours?.rolloutState ?? verdict.state.toUpperCase();
    const stage = sd?.lifecycleStage ? ` (stage ${sd.lifecycleStage})` : '';
    return `Deployment ${deploymentId}: ${state}${stage} — ${counts}`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/one-off-task.js





async function runOneOffTask(request, deps) {
    const { options, cluster } = request;
    const network = networkConfiguration(options, request.serviceNetwork);
    const response = await awsCall(deps, `run a one-off task of ${request.taskDefinitionArn} in cluster ${cluster}`, 'ecs:RunTask', () => deps.ecs.send(new client_ecs_dist_cjs/* RunTaskCommand */._eD({
        cluster,
        taskDefinition: request.taskDefinitionArn,
        count: 1,
        startedBy: options.startedBy,
        ...(options.launchType ? { launchType: options.launchType } : {}),
        ...(options.capacityProviderStrategy ? { capacityProviderStrategy: options.capacityProviderStrategy } : {}),
        ...(network ? { networkConfiguration: network } : {}),
        ...(options.containerOverrides ? { overrides: { containerOverrides: options.containerOverrides } } : {}),
        ...(request.enableEcsManagedTags !== undefined ? { enableECSManagedTags: request.enableEcsManagedTags } : {}),
        // RunTask knows TASK_DEFINITION and NONE; SERVICE only means something to services.
        ...(request.propagateTags && request.propagateTags !== 'SERVICE' ? { propagateTags: request.propagateTags } : {}),
    })));
    const taskArn = response.tasks?.[0]?.taskArn;
    if (!taskArn) {
        const failure = response.failures?.[0];
        throw new errors/* DeploymentFailedError */.RJ(`The one-off task could not be started: ${failure?.reason ?? 'no reason given'}${failure?.detail ? ` (${failure.detail})` : ''}`);
    }
    deps.log.info(`Started one-off task ${taskId(taskArn)} from ${request.taskDefinitionArn}`);
    request.timeline.add(`Started one-off task ${taskId(taskArn)}`);
    if (!options.waitForStopped)
        return { taskArn };
    let lastStatus = '';
    for (;;) {
        await deps.clock.sleep(Math.max(0, Math.min(request.pollIntervalMs, request.deadline - deps.clock.now())));
        const task = (await describeTasks(deps, cluster, [taskArn]))[0];
        if (task?.lastStatus && task.lastStatus !== lastStatus) {
            lastStatus = task.lastStatus;
            deps.log.info(`One-off task ${taskId(taskArn)}: ${lastStatus}`);
        }
        if (task?.lastStatus === 'STOPPED') {
            const [stopped] = await explainStoppedTasks([task], request.containerDefinitions, deps);
            if (!stopped)
                throw new Error(`could not read the stopped one-off task ${taskArn}`);
            for (const line of formatStoppedTask(stopped))
                deps.log.info(line);
            request.timeline.add(`One-off task stopped: ${summarizeStoppedTask(stopped)}`);
            return { taskArn, stopped };
        }
        if (deps.clock.now() >= request.deadline) {
            throw new errors/* DeploymentFailedError */.RJ(`The one-off task ${taskId(taskArn)} did not stop within wait-for-minutes (last status ${lastStatus || 'unknown'}); the service was not updated`);
        }
    }
}
/** Essential containers that did not exit 0, described for the failure message. */
function failedContainers(stopped) {
    return stopped.containers
        .filter((c) => c.essential && c.exitCode !== 0)
        .map((c) => `${c.name} ${c.exitCode !== undefined ? `exited ${c.exitCode}` : `has no exit code (${c.reason ?? stopped.stoppedReason})`}`);
}
function networkConfiguration(options, serviceNetwork) {
    if (options.subnets.length === 0)
        return serviceNetwork;
    return {
        awsvpcConfiguration: {
            subnets: options.subnets,
            ...(options.securityGroups.length > 0 ? { securityGroups: options.securityGroups } : {}),
            ...(options.assignPublicIp ? { assignPublicIp: options.assignPublicIp } : {}),
        },
    };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/rollback.js





/** Waits for ECS's own rollback (circuit breaker, alarms, or one we requested) to end. */
async function followEcsRollback(context, failed, deps) {
    deps.log.info(`Following ECS's rollback of deployment ${failed.deploymentId}`);
    const watch = await watchDeployment({ ...context, ...failed, failFast: false, until: 'rollback-settled' }, deps);
    const { verdict } = watch;
    if (verdict.state === 'failed' && verdict.rollback === 'ecs-succeeded') {
        const primary = newPrimaryDeployment(watch.service);
        context.timeline.add('ECS finished rolling back');
        return {
            settled: true,
            ...(primary?.taskDefinition ? { taskDefinitionArn: primary.taskDefinition } : {}),
            ...(primary?.id ? { deploymentId: primary.id } : {}),
            watch,
        };
    }
    if (verdict.state === 'timed-out')
        return { settled: false, reason: 'the rollback did not finish in time', watch };
    if (verdict.state === 'succeeded')
        return { settled: false, reason: 'ECS completed the deployment instead of rolling it back', watch };
    return {
        settled: false,
        reason: verdict.state === 'failed' ? `the rollback did not succeed (${verdict.reason})` : 'the rollback did not settle',
        watch,
    };
}
/** StopServiceDeployment with ROLLBACK for a deployment ECS is still rolling out, then follows the rollback. */
async function stopAndRollBack(context, failed, deps) {
    deps.log.info(`Asking ECS to stop deployment ${failed.deploymentId} and roll it back`);
    await stopWithRollback(failed.serviceDeploymentArn, deps);
    context.timeline.add(`Requested rollback of deployment ${failed.deploymentId} (StopServiceDeployment ROLLBACK)`);
    return followEcsRollback(context, failed, deps);
}
/**
 * Rollback by existing ARN: UpdateService back to a task definition that is known to have run well,
 * then watch that deployment like any other. The revision is used as it is, never re-registered.
 */
async function rollbackToTaskDefinition(context, taskDefinitionArn, deps, containerDefinitions) {
    const { ref } = context;
    deps.log.info(`Rolling service ${ref.service} back to ${taskDefinitionArn}`);
    const response = await awsCall(deps, `update service ${ref.service} in cluster ${ref.cluster} back to ${taskDefinitionArn}`, 'ecs:UpdateService', () => deps.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({ cluster: ref.cluster, service: ref.service, taskDefinition: taskDefinitionArn })));
    const primary = newPrimaryDeployment(response.service);
    if (!primary?.id)
        return { settled: false, reason: 'UpdateService answered without a PRIMARY deployment' };
    context.timeline.add(`Started rollback deployment ${primary.id} to ${taskDefinitionArn}`);
    const serviceDeploymentArn = await serviceDeploymentFor(response.service, ref, taskDefinitionArn, deps);
    const watch = await watchDeployment({
        ...context,
        deploymentId: primary.id,
        ...(serviceDeploymentArn ? { serviceDeploymentArn } : {}),
        taskDefinitionArn,
        ...(containerDefinitions ? { containerDefinitions } : {}),
        failFast: true,
        until: 'verdict',
    }, deps);
    if (watch.verdict.state === 'succeeded') {
        context.timeline.add(`Rollback deployment ${primary.id} completed`);
        return { settled: true, taskDefinitionArn, deploymentId: primary.id, watch };
    }
    const reason = watch.verdict.state === 'failed' ? watch.verdict.reason : 'it did not complete in time';
    return { settled: false, reason: `the rollback deployment ${primary.id} failed: ${reason}`, watch };
}

// EXTERNAL MODULE: ./.build/scratch/js/src/ecs-deploy/task-definition-source.js + 2 modules
var task_definition_source = __webpack_require__(1325);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/recover.js



/** Drops a trailing period so that reasons can be joined into one sentence. */
function sentence(text) {
    return text.replace(/\.+\s*$/, '');
}
/**
 * After a failure: announce it at once (an error annotation, before any waiting), then bring the
 * service back to a good revision — follow ECS if it is already rolling back, ask ECS to roll back
 * a deployment still in flight, or deploy the known-good revision by ARN — and follow that to its end.
 */
async function recoverFromFailure(verdict, context, deps) {
    if (verdict.state === 'succeeded' || verdict.state === 'in-progress')
        return;
    const { inputs, ref, target, record } = context;
    const timedOut = verdict.state === 'timed-out';
    const failure = timedOut
        ? {
            reason: `ECS did not finish the deployment within wait-for-minutes (${inputs.waitMs / 60_000} min)`,
            rollback: 'none',
            inFlight: true,
        }
        : verdict;
    const baseStatus = timedOut ? 'timed-out' : 'failed';
    record.status = baseStatus;
    const lastStop = record.stoppedTasks.at(-1);
    // The stopped task's reason is what users need first; our own signals already quote it.
    const stopDetail = lastStop && !failure.reason.includes(lastStop.stoppedReason) ? `. Last stopped task: ${summarizeStoppedTask(lastStop)}` : '';
    record.reason = `Deployment ${target.deploymentId} of service ${ref.service} ${timedOut ? 'timed out' : 'failed'}: ${sentence(failure.reason)}${stopDetail}`;
    deps.log.error(record.reason);
    record.timeline.add(record.reason);
    const rollback = { ...context.base, deadline: deps.clock.now() + inputs.waitMs };
    const previous = record.previousTaskDefinitionArn;
    let outcome;
    switch (failure.rollback) {
        case 'superseded':
            deps.log.info('A newer deployment replaced this one; it is not rolled back');
            return;
        case 'ecs-succeeded':
            outcome = {
                settled: true,
                ...(previous ? { taskDefinitionArn: previous } : {}),
                watch: { verdict: failure, stoppedTasks: [], polls: 0 },
            };
            record.rollbackMethod = 'ECS';
            break;
        case 'ecs-in-progress':
            // ECS's own rollback is followed even with rollback-on-failure false: it happens either way.
            record.rollbackMethod = 'ECS';
            outcome = await followEcsRollback(rollback, target, deps);
            break;
        default:
            if (!inputs.rollbackOnFailure) {
                deps.log.info(`rollback-on-failure is false: service ${ref.service} is left as it is`);
                return;
            }
            outcome = await ourRollback(failure.rollback === 'none' && failure.inFlight, rollback, context, deps);
    }
    if (!outcome)
        return;
    if (outcome.settled) {
        record.status = timedOut ? 'timed-out' : 'rolled-back';
        record.rollbackTaskDefinitionArn = outcome.taskDefinitionArn ?? previous;
        const back = record.rollbackTaskDefinitionArn ? (0,task_definition_source/* shortTaskDefinition */.P5)(record.rollbackTaskDefinitionArn) : 'the previous revision';
        record.reason += `. Rolled back: service ${ref.service} runs ${back} again`;
        deps.log.info(`Rollback finished: service ${ref.service} runs ${back} again`);
    }
    else {
        record.reason += `. The rollback did not succeed: ${outcome.reason}`;
    }
}
/** Our rollback: StopServiceDeployment while ECS is still rolling out, else (or if that fails) UpdateService to the known-good ARN. */
async function ourRollback(inFlight, rollback, context, deps) {
    const { target, record } = context;
    const previous = record.previousTaskDefinitionArn;
    if (inFlight && target.serviceDeploymentArn) {
        record.rollbackMethod = 'StopServiceDeployment (ROLLBACK)';
        const stopped = await stopAndRollBack(rollback, { ...target, serviceDeploymentArn: target.serviceDeploymentArn }, deps);
        if (stopped.settled || !previous)
            return stopped;
        deps.log.warning(`ECS did not roll back (${stopped.reason}); deploying the known-good revision instead`);
    }
    if (!previous) {
        record.reason += '. There is no known-good revision to roll back to (the service had no completed deployment before this run)';
        return undefined;
    }
    record.rollbackMethod = `UpdateService to ${(0,task_definition_source/* shortTaskDefinition */.P5)(previous)}`;
    return rollbackToTaskDefinition(rollback, previous, deps);
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/register.js



/** Registers the rendered file, or looks up the existing revision the ARN names (never re-registering it). */
async function resolveTaskDefinition(source, deps) {
    if (source.kind === 'arn') {
        const described = await describeTaskDefinition(source.arn, deps);
        if (described.status === 'INACTIVE') {
            throw new errors/* NotFoundError */.m_(`Task definition ${source.arn} is INACTIVE (deregistered); ECS cannot deploy it. Deploy an ACTIVE revision`);
        }
        deps.log.info(`Deploying the existing task definition ${source.arn}`);
        return { arn: source.arn, containerDefinitions: described.containerDefinitions, registered: false };
    }
    if (source.removedKeys.length > 0)
        deps.log.info(`Removed fields that only DescribeTaskDefinition returns: ${source.removedKeys.join(', ')}`);
    if (source.unknownKeysWarning)
        deps.log.warning(source.unknownKeysWarning);
    const family = source.definition.family ?? '';
    // checkTaskDefinition validated the fields we rely on; the rest is passed through for ECS to judge.
    const request = source.definition;
    const response = await awsCall(deps, `register task definition family ${family}`, 'ecs:RegisterTaskDefinition', () => deps.ecs.send(new client_ecs_dist_cjs/* RegisterTaskDefinitionCommand */.$Hl(request)));
    const arn = response.taskDefinition?.taskDefinitionArn;
    if (!arn)
        throw new Error(`RegisterTaskDefinition for family ${family} answered without a taskDefinitionArn`);
    deps.log.info(`Registered task definition ${arn}`);
    return { arn, containerDefinitions: response.taskDefinition?.containerDefinitions ?? [], registered: true };
}
async function describeTaskDefinition(arn, deps) {
    try {
        const response = await awsCall(deps, `describe task definition ${arn}`, 'ecs:DescribeTaskDefinition', () => deps.ecs.send(new client_ecs_dist_cjs/* DescribeTaskDefinitionCommand */.Zy$({ taskDefinition: arn })));
        return {
            ...(response.taskDefinition?.status ? { status: response.taskDefinition.status } : {}),
            containerDefinitions: response.taskDefinition?.containerDefinitions ?? [],
        };
    }
    catch (error) {
        // ECS answers ClientException "Unable to describe task definition" for a revision that does not exist.
        const cause = error instanceof Error ? error.cause : undefined;
        if (cause instanceof Error && cause.name === 'ClientException') {
            throw new errors/* NotFoundError */.m_(`Task definition ${arn} does not exist in this account and region (${cause.message})`, { cause: error });
        }
        throw error;
    }
}
/** Container name → image, as the task definition asks for it (tags, not digests). */
function requestedImages(containers) {
    return Object.fromEntries(containers.filter((c) => c.name && c.image).map((c) => [c.name ?? '', c.image ?? '']));
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/health-checks.js




/** Polls until every check passes, one fails, or the deadline passes. */
async function verifyServiceHealth(request, deps) {
    let lastWhy = '';
    for (;;) {
        const tasks = await runningTasks(request, deps);
        const check = combine([containerHealth(tasks, request.containerDefinitions), ...(await targetHealth(request, tasks, deps))]);
        if (check.state === 'healthy')
            return { healthy: true, taskCount: tasks.length };
        if (check.state === 'unhealthy')
            return { healthy: false, reason: check.reason };
        if (check.why !== lastWhy)
            deps.log.info(`Waiting for health checks: ${check.why}`);
        lastWhy = check.why;
        if (deps.clock.now() + request.pollIntervalMs > request.deadline)
            return { healthy: false, reason: `health checks did not pass in time: ${check.why}` };
        await deps.clock.sleep(request.pollIntervalMs);
    }
}
async function runningTasks(request, deps) {
    const arns = await listTaskArns(deps, request.ref.cluster, { serviceName: request.ref.service, desiredStatus: 'RUNNING' });
    const tasks = await describeTasks(deps, request.ref.cluster, arns);
    return tasks.filter((task) => task.taskDefinitionArn === request.taskDefinitionArn && task.lastStatus === 'RUNNING');
}
function containerHealth(tasks, definitions) {
    const checked = new Set((definitions ?? []).filter((c) => c.healthCheck?.command?.length).map((c) => c.name));
    if (checked.size === 0)
        return { state: 'healthy' };
    for (const task of tasks) {
        for (const container of task.containers ?? []) {
            if (!checked.has(container.name))
                continue;
            if (container.healthStatus === 'UNHEALTHY')
                return { state: 'unhealthy', reason: `container ${container.name} of task ${taskId(task.taskArn ?? '')} is UNHEALTHY` };
            if (container.healthStatus !== 'HEALTHY')
                return {
                    state: 'waiting',
                    why: `container ${container.name} of task ${taskId(task.taskArn ?? '')} is ${container.healthStatus ?? 'UNKNOWN'}`,
                };
        }
    }
    return { state: 'healthy' };
}
/** The IP (awsvpc) of each task: what target groups of type ip register. */
function taskAddresses(task) {
    return (task.attachments ?? []).flatMap((a) => (a.details ?? []).filter((d) => d.name === 'privateIPv4Address' && d.value).map((d) => d.value ?? ''));
}
async function targetHealth(request, tasks, deps) {
    const groups = [...new Set((request.service.loadBalancers ?? []).map((lb) => lb.targetGroupArn).filter((arn) => !!arn))];
    const checks = [];
    for (const targetGroupArn of groups) {
        const response = await awsCall(deps, `describe target health of ${targetGroupArn}`, 'elasticloadbalancing:DescribeTargetHealth', () => deps.elbv2.send(new client_elastic_load_balancing_v2_dist_cjs/* DescribeTargetHealthCommand */.qyg({ TargetGroupArn: targetGroupArn })));
        checks.push(assessTargets(targetGroupArn, response.TargetHealthDescriptions ?? [], tasks));
    }
    return checks;
}
function assessTargets(targetGroupArn, targets, tasks) {
    const name = targetGroupArn.replace(/^.*:targetgroup\//, '').replace(/\/[0-9a-f]+$/, '');
    const ours = new Set(tasks.flatMap(taskAddresses));
    // Without addresses (bridge/host networking registers instance IDs) every live target must be healthy.
    const relevant = targets.filter((t) => t.TargetHealth?.State !== 'draining' && (ours.size === 0 || ours.has(t.Target?.Id ?? '')));
    const bad = relevant.find((t) => t.TargetHealth?.State === 'unhealthy');
    if (bad) {
        const detail = [bad.TargetHealth?.Reason, bad.TargetHealth?.Description].filter(Boolean).join(': ');
        return {
            state: 'unhealthy',
            reason: `target ${bad.Target?.Id ?? '?'} in target group ${name} is unhealthy${detail ? ` (${detail})` : ''}`,
        };
    }
    const registered = new Set(relevant.map((t) => t.Target?.Id));
    const missing = [...ours].filter((ip) => !registered.has(ip));
    if (missing.length > 0)
        return { state: 'waiting', why: `${missing.length} new task(s) not yet registered in target group ${name}` };
    const notYet = relevant.filter((t) => t.TargetHealth?.State !== 'healthy');
    if (notYet.length > 0 || relevant.length === 0) {
        return {
            state: 'waiting',
            why: `${notYet.length || 'no'} target(s) in target group ${name} ${notYet.length ? `are ${notYet[0]?.TargetHealth?.State}` : 'registered'}`,
        };
    }
    return { state: 'healthy' };
}
function combine(checks) {
    return checks.find((c) => c.state === 'unhealthy') ?? checks.find((c) => c.state === 'waiting') ?? { state: 'healthy' };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/url-health-check.js

const ATTEMPT_TIMEOUT_MS = 10_000;
async function checkUrl(request, deps) {
    const fetcher = deps.fetch ?? fetch;
    const failuresAllowed = Math.max(3, request.successes);
    let streak = 0;
    let failures = 0;
    let last = '';
    for (let attempt = 1;; attempt++) {
        last = await probe(fetcher, request.url);
        if (last === String(request.expectedStatus)) {
            streak += 1;
            failures = 0;
            deps.log.info(`Health check ${request.url}: ${last} (${streak}/${request.successes} in a row)`);
            if (streak >= request.successes)
                return { healthy: true };
        }
        else {
            streak = 0;
            failures += 1;
            deps.log.info(`Health check ${request.url}: ${last}, expected ${request.expectedStatus} (${failures} failure(s) in a row)`);
            if (failures >= failuresAllowed) {
                return {
                    healthy: false,
                    reason: `health check ${request.url} answered ${last} ${failures} times in a row (expected ${request.expectedStatus})`,
                };
            }
        }
        if (deps.clock.now() + request.intervalMs > request.deadline) {
            return {
                healthy: false,
                reason: `health check ${request.url} did not answer ${request.expectedStatus} ${request.successes} times in a row in time (last answer: ${last})`,
            };
        }
        await deps.clock.sleep(request.intervalMs);
    }
}
/** The status code as text, or what went wrong ("connection refused"). Redirects are not followed: a 302 to a login page is not healthy. */
async function probe(fetcher, url) {
    try {
        const response = await fetcher(url, { redirect: 'manual', signal: AbortSignal.timeout(ATTEMPT_TIMEOUT_MS) });
        await response.body?.cancel();
        return String(response.status);
    }
    catch (error) {
        const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
        return `no answer (${(0,errors/* errorMessage */.gJ)(error)}${cause})`;
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/verify.js





/**
 * The verify phase: ECS completing the rollout is necessary, not sufficient. Returns the reason the
 * deployment is not healthy, or undefined when every check passed.
 */
async function verifyDeployment(inputs, target, deps) {
    const health = await verifyServiceHealth({ ...target, pollIntervalMs: inputs.pollIntervalMs }, deps);
    if (!health.healthy)
        return health.reason;
    deps.log.info(`Target groups and container health checks report ${health.taskCount} new task(s) healthy`);
    if (!inputs.healthCheck)
        return undefined;
    const { url, expectedStatus, successes, timeoutMs } = inputs.healthCheck;
    const result = await checkUrl({
        url,
        expectedStatus,
        successes,
        intervalMs: inputs.pollIntervalMs,
        deadline: Math.min(target.deadline, deps.clock.now() + timeoutMs),
    }, deps);
    return result.healthy ? undefined : result.reason;
}
/**
 * Container → image digest that actually runs: from the service revision of our deployment, else
 * from the running tasks (when the service-deployment API is not available).
 */
async function deployedImages(ref, sd, taskDefinitionArn, deps) {
    try {
        const revision = sd?.targetServiceRevision?.arn;
        if (revision) {
            const images = await revisionImages(revision, deps);
            if (Object.keys(images).length > 0)
                return images;
        }
        const tasks = await describeTasks(deps, ref.cluster, await listTaskArns(deps, ref.cluster, { serviceName: ref.service, desiredStatus: 'RUNNING' }));
        const images = {};
        for (const task of tasks.filter((t) => t.taskDefinitionArn === taskDefinitionArn)) {
            for (const container of task.containers ?? []) {
                if (container.name && container.imageDigest)
                    images[container.name] = `${(container.image ?? '').replace(/[@:][^/]*$/, '')}@${container.imageDigest}`.replace(/^@/, '');
            }
        }
        return images;
    }
    catch (error) {
        // The digests are a report; the deployment already succeeded.
        deps.log.warning(`Could not read the deployed image digests: ${(0,errors/* errorMessage */.gJ)(error)}`);
        return {};
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/deploy.js













/**
 * ecs-deploy's logic: select (read the service, remember the known-good revision) → act (register,
 * one-off task, UpdateService) → wait (follow our deployment) → verify (target groups, container
 * health, health-check URL) → on failure, recover (roll back). Everything lands in `record`.
 */
async function deploy(inputs, deps, record) {
    const ref = inputs.service
        ? { cluster: inputs.cluster, service: inputs.service, region: inputs.region }
        : undefined;
    const events = new ServiceEventTracker();
    const before = ref ? await selectService(ref, deps, record, events) : undefined;
    const resolved = await resolveTaskDefinition(inputs.taskDefinition, deps);
    record.taskDefinitionArn = resolved.arn;
    record.registered = resolved.registered;
    record.newImages = requestedImages(resolved.containerDefinitions);
    record.timeline.add(`${resolved.registered ? 'Registered' : 'Promoting existing'} task definition ${(0,task_definition_source/* shortTaskDefinition */.P5)(resolved.arn)}`);
    const deadline = deps.clock.now() + inputs.waitMs;
    if (inputs.runTask && !(await oneOffTaskPassed(inputs, deps, record, resolved, before, deadline)))
        return;
    if (!ref || !before) {
        record.status = 'succeeded';
        return;
    }
    const updated = await updateService(ref, inputs, resolved.arn, deps);
    const primary = newPrimaryDeployment(updated);
    if (!primary?.id)
        throw new Error(`UpdateService of ${ref.service} answered without a PRIMARY deployment`);
    record.deploymentId = primary.id;
    const serviceDeploymentArn = await serviceDeploymentFor(updated, ref, resolved.arn, deps);
    if (serviceDeploymentArn)
        record.serviceDeploymentArn = serviceDeploymentArn;
    if (primary.id === primaryDeployment(before)?.id)
        deps.log.info(`Service ${ref.service} already runs ${(0,task_definition_source/* shortTaskDefinition */.P5)(resolved.arn)}; ECS started no new deployment`);
    else
        deps.log.info(`Updated service ${ref.service}: deployment ${primary.id} rolls out ${(0,task_definition_source/* shortTaskDefinition */.P5)(resolved.arn)}`);
    record.timeline.add(`Updated service ${ref.service}; deployment ${primary.id} started`);
    if (!inputs.waitForStability) {
        record.status = 'succeeded';
        record.waited = false;
        deps.log.info('wait-for-service-stability is false: not waiting for the rollout');
        return;
    }
    const target = {
        deploymentId: primary.id,
        ...(record.serviceDeploymentArn ? { serviceDeploymentArn: record.serviceDeploymentArn } : {}),
        taskDefinitionArn: resolved.arn,
        containerDefinitions: resolved.containerDefinitions,
    };
    const base = { ref, pollIntervalMs: inputs.pollIntervalMs, events, seenTasks: new Set(), timeline: record.timeline };
    const watch = await watchDeployment({ ...base, ...target, deadline, failFast: true, until: 'verdict' }, deps);
    record.stoppedTasks = watch.stoppedTasks;
    if (watch.verdict.state === 'succeeded' && watch.service) {
        record.timeline.add(`ECS completed deployment ${primary.id}`);
        deps.log.info(`ECS completed deployment ${primary.id}; checking health`);
        const problem = await verifyDeployment(inputs, { ref, service: watch.service, taskDefinitionArn: resolved.arn, containerDefinitions: resolved.containerDefinitions, deadline }, deps);
        if (problem === undefined) {
            record.images = await deployedImages(ref, watch.serviceDeployment, resolved.arn, deps);
            record.status = 'succeeded';
            record.timeline.add('Health checks passed');
            deps.log.info(`Deployment ${primary.id} succeeded: ${ref.service} runs ${(0,task_definition_source/* shortTaskDefinition */.P5)(resolved.arn)}`);
            return;
        }
        await recoverFromFailure({ state: 'failed', reason: problem, rollback: 'none', inFlight: false }, { inputs, ref, target, base, record }, deps);
        return;
    }
    await recoverFromFailure(watch.verdict, { inputs, ref, target, base, record }, deps);
}
/** Reads the service before anything changes: the deployment controller, and the revision to come back to. */
async function selectService(ref, deps, record, events) {
    const service = await describeService(ref, deps);
    const controller = deploymentController(service);
    if (controller.kind === 'unsupported') {
        throw new Error(`Service ${ref.service} uses the ${controller.name} deployment controller; ecs-deploy drives ECS rolling and blue/green deployments only`);
    }
    events.markSeen(service.events);
    const previous = knownGoodTaskDefinition(service);
    if (previous) {
        record.previousTaskDefinitionArn = previous;
        record.previousImages = requestedImages((await describeTaskDefinition(previous, deps)).containerDefinitions);
        deps.log.info(`Service ${ref.service} runs ${(0,task_definition_source/* shortTaskDefinition */.P5)(previous)} (${controller.kind}); it is the revision to return to on failure`);
    }
    else {
        deps.log.warning(`Service ${ref.service} has no completed deployment right now; if this deployment fails there is no known-good revision to return to by ARN`);
    }
    return service;
}
async function oneOffTaskPassed(inputs, deps, record, resolved, before, deadline) {
    if (!inputs.runTask)
        return true;
    const result = await runOneOffTask({
        cluster: inputs.cluster,
        taskDefinitionArn: resolved.arn,
        containerDefinitions: resolved.containerDefinitions,
        options: inputs.runTask,
        ...(before?.networkConfiguration ? { serviceNetwork: before.networkConfiguration } : {}),
        ...(inputs.enableEcsManagedTags !== undefined ? { enableEcsManagedTags: inputs.enableEcsManagedTags } : {}),
        ...(inputs.propagateTags ? { propagateTags: inputs.propagateTags } : {}),
        pollIntervalMs: inputs.pollIntervalMs,
        deadline,
        timeline: record.timeline,
    }, deps);
    record.runTaskArn = result.taskArn;
    const failures = result.stopped ? failedContainers(result.stopped) : [];
    if (failures.length === 0)
        return true;
    record.status = 'failed';
    record.stoppedTasks = result.stopped ? [result.stopped] : [];
    record.reason = `The one-off task ${taskId(result.taskArn)} failed: ${failures.join('; ')}. ${inputs.service ? `Service ${inputs.service} was not updated` : 'No service was given'}`;
    return false;
}
async function updateService(ref, inputs, taskDefinitionArn, deps) {
    const response = await awsCall(deps, `update service ${ref.service} in cluster ${ref.cluster}`, 'ecs:UpdateService', () => deps.ecs.send(new client_ecs_dist_cjs/* UpdateServiceCommand */.kZr({
        cluster: ref.cluster,
        service: ref.service,
        taskDefinition: taskDefinitionArn,
        forceNewDeployment: inputs.forceNewDeployment,
        ...(inputs.desiredCount !== undefined ? { desiredCount: inputs.desiredCount } : {}),
        ...(inputs.enableEcsManagedTags !== undefined ? { enableECSManagedTags: inputs.enableEcsManagedTags } : {}),
        ...(inputs.propagateTags ? { propagateTags: inputs.propagateTags } : {}),
    })));
    return response.service;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/timeline.js
class Timeline {
    clock;
    entries = [];
    constructor(clock) {
        this.clock = clock;
    }
    add(text, at = this.clock.now()) {
        this.entries.push({ at, text });
    }
    /** Entries in time order (service events carry ECS's own timestamps, which may be earlier than when we saw them). */
    sorted() {
        return [...this.entries].sort((a, b) => a.at - b.at);
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/deploy-record.js

/**
 * What one run did, filled in phase by phase so that outputs and the job summary can say what is
 * known even when a phase throws (AccessDenied half-way still reports the registered revision).
 */
class DeployRecord {
    status = 'failed';
    /** Why the run did not succeed; the step's final error line. */
    reason;
    taskDefinitionArn;
    registered = false;
    deploymentId;
    serviceDeploymentArn;
    /** The task definition that was PRIMARY and COMPLETED before this run. */
    previousTaskDefinitionArn;
    rollbackTaskDefinitionArn;
    /** Who took the service back: 'ecs' (circuit breaker/alarms, or our StopServiceDeployment) or 'update-service'. */
    rollbackMethod;
    runTaskArn;
    /** Container → image as the task definitions ask (tags). */
    previousImages = {};
    newImages = {};
    /** Container → image digest that actually runs, from the service revision. */
    images = {};
    stoppedTasks = [];
    waited = true;
    timeline;
    startedAt;
    constructor(clock) {
        this.timeline = new Timeline(clock);
        this.startedAt = clock.now();
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/ecs/console-links.js
/**
 * Links into the ECS console (v2) for the job summary. Built from names, never fetched: the link
 * must exist even when the deployment failed before ECS knew anything.
 */
/** The name at the end of an ARN (`…:service/prod/web` → `web`), or the value itself. */
function resourceName(nameOrArn) {
    return nameOrArn.startsWith('arn:') ? nameOrArn.slice(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
}
function base(region) {
    return `https://${region}.console.aws.amazon.com/ecs/v2`;
}
function serviceConsoleUrl(region, cluster, service) {
    return `${base(region)}/clusters/${encodeURIComponent(resourceName(cluster))}/services/${encodeURIComponent(resourceName(service))}/health?region=${region}`;
}
function deploymentsConsoleUrl(region, cluster, service) {
    return `${base(region)}/clusters/${encodeURIComponent(resourceName(cluster))}/services/${encodeURIComponent(resourceName(service))}/deployments?region=${region}`;
}
function taskDefinitionConsoleUrl(region, taskDefinitionArn) {
    const [family, revision] = taskDefinitionArn.replace(/^.*:task-definition\//, '').split(':');
    return `${base(region)}/task-definitions/${encodeURIComponent(family ?? '')}/${revision ?? ''}/containers?region=${region}`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/job-summary.js




/** The job summary: the result first, then what changed, the rollback, when things happened, and where to look. */
const HEADLINE = {
    succeeded: '✅ Deployed',
    'rolled-back': '↩️ Failed and rolled back',
    failed: '❌ Failed',
    'timed-out': '⏱️ Timed out',
};
function deploySummary(inputs, record) {
    const target = inputs.service
        ? `${resourceName(inputs.service)} in ${resourceName(inputs.cluster)}`
        : `cluster ${resourceName(inputs.cluster)}`;
    const parts = [`## ecs-deploy: ${HEADLINE[record.status]} — ${escapeMarkdown(target)}`];
    if (record.status === 'succeeded' && !record.waited)
        parts.push('_Not waited for: wait-for-service-stability is false._');
    if (record.reason)
        parts.push(`> ${escapeMarkdown(record.reason)}`);
    const facts = [['status', inlineCode(record.status)]];
    if (record.taskDefinitionArn)
        facts.push([
            'task definition',
            `${inlineCode((0,task_definition_source/* shortTaskDefinition */.P5)(record.taskDefinitionArn))}${record.registered ? ' (registered now)' : ' (existing revision)'}`,
        ]);
    if (record.previousTaskDefinitionArn)
        facts.push(['previous revision', inlineCode((0,task_definition_source/* shortTaskDefinition */.P5)(record.previousTaskDefinitionArn))]);
    if (record.deploymentId)
        facts.push(['deployment', inlineCode(record.deploymentId)]);
    if (record.runTaskArn)
        facts.push(['one-off task', inlineCode(record.runTaskArn.replace(/^.*\//, ''))]);
    if (record.rollbackMethod)
        facts.push(['rollback', escapeMarkdown(record.rollbackMethod)]);
    if (record.rollbackTaskDefinitionArn)
        facts.push(['rolled back to', inlineCode((0,task_definition_source/* shortTaskDefinition */.P5)(record.rollbackTaskDefinitionArn))]);
    parts.push(markdownTable(['', ''], facts));
    const images = imageRows(record);
    if (images.length > 0)
        parts.push('### Images', markdownTable(['container', 'before', 'after', 'running digest'], images));
    const started = record.startedAt;
    const timeline = record.timeline.sorted().map((entry) => [inlineCode(elapsed(entry.at - started)), escapeMarkdown(entry.text)]);
    if (timeline.length > 0)
        parts.push('### Timeline', markdownTable(['time', 'event'], timeline));
    if (record.stoppedTasks.length > 0) {
        const text = record.stoppedTasks.slice(-5).flatMap(formatStoppedTask).join('\n');
        parts.push(details(`Stopped tasks (${record.stoppedTasks.length})`, codeBlock(text)));
    }
    const links = consoleLinks(inputs, record);
    if (links.length > 0)
        parts.push('### Console', links.map((link) => `- ${link}`).join('\n'));
    return `${parts.join('\n\n')}\n`;
}
function imageRows(record) {
    const names = [...new Set([...Object.keys(record.previousImages), ...Object.keys(record.newImages)])];
    return names.map((name) => {
        const before = record.previousImages[name];
        const after = record.newImages[name];
        const digest = record.images[name]?.replace(/^.*@/, '');
        return [inlineCode(name), before ? inlineCode(before) : '—', after ? inlineCode(after) : '—', digest ? inlineCode(digest) : '—'];
    });
}
function consoleLinks(inputs, record) {
    const links = [];
    if (inputs.service) {
        links.push(`[Service ${escapeMarkdown(resourceName(inputs.service))}](${serviceConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`);
        if (record.deploymentId)
            links.push(`[Deployments](${deploymentsConsoleUrl(inputs.region, inputs.cluster, inputs.service)})`);
    }
    if (record.taskDefinitionArn)
        links.push(`[Task definition ${escapeMarkdown((0,task_definition_source/* shortTaskDefinition */.P5)(record.taskDefinitionArn))}](${taskDefinitionConsoleUrl(inputs.region, record.taskDefinitionArn)})`);
    return links;
}
/** `+1:05` from the start of the run. */
function elapsed(ms) {
    const seconds = Math.max(0, Math.round(ms / 1000));
    return `+${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-deploy/run.js








/** The runner-backed side of ecs-deploy: real clients and clock, outputs, job summary, the final verdict. */
async function runEcsDeploy(inputs) {
    const clients = createAwsClients(inputs.region, inputs.maxRetries, inputs.renewal);
    const deps = {
        ...clients,
        clock: systemClock,
        log: { info: (line) => core/* info */.pq(line), warning: (line) => core/* warning */.$e(line), error: (line) => core/* error */.z3(line) },
        fetch: globalThis.fetch,
    };
    const record = new DeployRecord(systemClock);
    try {
        await deploy(inputs, deps, record);
    }
    catch (error) {
        record.status = record.status === 'succeeded' ? 'failed' : record.status;
        record.reason = record.reason ? `${record.reason}. Then: ${(0,errors/* errorMessage */.gJ)(error)}` : (0,errors/* errorMessage */.gJ)(error);
        throw error;
    }
    finally {
        clients.destroy();
        writeOutputs(record);
        await appendJobSummary(deploySummary(inputs, record));
    }
    if (record.status !== 'succeeded') {
        throw new errors/* DeploymentFailedError */.RJ(record.reason ?? `the deployment ended ${record.status}`, record.deploymentId, record.status);
    }
}
function writeOutputs(record) {
    core/* setOutput */.uH('status', record.status);
    core/* setOutput */.uH('task-definition-arn', record.taskDefinitionArn ?? '');
    core/* setOutput */.uH('deployment-id', record.deploymentId ?? '');
    core/* setOutput */.uH('rollback-task-definition-arn', record.rollbackTaskDefinitionArn ?? '');
    core/* setOutput */.uH('run-task-arn', record.runTaskArn ?? '');
    core/* setOutput */.uH('images', JSON.stringify(record.images));
}


/***/ })

};
