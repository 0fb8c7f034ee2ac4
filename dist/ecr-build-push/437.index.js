export const id = 437;
export const ids = [437];
export const modules = {

/***/ 2437:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createEcrBuildPushDeps: () => (/* binding */ createEcrBuildPushDeps)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(3360);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/aws.js + 1 modules
var aws = __webpack_require__(6479);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/summary.js
var summary = __webpack_require__(9830);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/docker-cli.js
var docker_cli = __webpack_require__(774);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/errors.js
var errors = __webpack_require__(7135);
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

// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/json-shape.js
var json_shape = __webpack_require__(4075);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/oci-types.js
var oci_types = __webpack_require__(3708);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/registry-api.js




class RegistryHttpError extends Error {
    status;
    name = 'RegistryHttpError';
    constructor(message, status) {
        super(message);
        this.status = status;
    }
}
function createRegistryApi(credentials, fetchImpl = fetch, timeoutMs = 30_000) {
    const basic = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`;
    let authorization;
    async function get(path, accept, scope) {
        const url = `${credentials.endpoint}${path}`;
        const send = (auth) => fetchImpl(url, {
            headers: { ...(accept.length ? { Accept: accept.join(', ') } : {}), ...(auth ? { Authorization: auth } : {}) },
            signal: AbortSignal.timeout(timeoutMs),
        });
        let response = await send(authorization);
        if (response.status === 401) {
            authorization = await answerChallenge(response.headers.get('www-authenticate') ?? '', scope);
            response = await send(authorization);
        }
        return response;
    }
    async function answerChallenge(challenge, scope) {
        if (/^basic/i.test(challenge) || challenge === '')
            return basic;
        if (!/^bearer/i.test(challenge))
            throw new RegistryHttpError(`${credentials.host} asks for unsupported authentication '${challenge.split(' ')[0]}'`, 401);
        const params = Object.fromEntries([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((match) => [match[1] ?? '', match[2] ?? '']));
        if (!params.realm)
            throw new RegistryHttpError(`${credentials.host} sent a Bearer challenge without a realm`, 401);
        const tokenUrl = new URL(params.realm);
        if (params.service)
            tokenUrl.searchParams.set('service', params.service);
        tokenUrl.searchParams.set('scope', params.scope ?? scope);
        const response = await fetchImpl(tokenUrl.toString(), { headers: { Authorization: basic }, signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok)
            throw new RegistryHttpError(`the token endpoint of ${credentials.host} answered HTTP ${response.status}`, response.status);
        const body = await response.json();
        const token = (0,json_shape/* isObject */.Gv)(body) ? (body.token ?? body.access_token) : undefined;
        if (typeof token !== 'string' || token === '')
            throw new RegistryHttpError(`the token endpoint of ${credentials.host} returned no token`, 401);
        return `Bearer ${token}`;
    }
    const attempt = (label, operation) => retry(operation, { label, maxAttempts: 3, baseDelayMs: 500 });
    return {
        getManifest: (repository, reference) => attempt(`registry:GET manifest ${repository}:${reference}`, async () => {
            const response = await get(`/v2/${repository}/manifests/${reference}`, oci_types/* ACCEPTED_MANIFEST_TYPES */.ke, `repository:${repository}:pull`);
            if (response.status === 404)
                return undefined;
            if (!response.ok)
                throw new RegistryHttpError(`${credentials.host} answered HTTP ${response.status} for manifest ${repository}:${reference}`, response.status);
            const bytes = Buffer.from(await response.arrayBuffer());
            const digest = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
            // The registry's word is checked against the bytes themselves: a digest is a content address.
            if (reference.startsWith('sha256:') && reference !== digest) {
                throw new RegistryHttpError(`${credentials.host} served manifest bytes with digest ${digest} for ${reference}`, 502);
            }
            return { digest, mediaType: response.headers.get('content-type') ?? '', body: bytes.toString('utf8') };
        }),
        getBlob: (repository, digest) => attempt(`registry:GET blob ${repository}@${digest}`, async () => {
            const response = await get(`/v2/${repository}/blobs/${digest}`, [], `repository:${repository}:pull`);
            if (!response.ok)
                throw new RegistryHttpError(`${credentials.host} answered HTTP ${response.status} for blob ${repository}@${digest}`, response.status);
            const bytes = Buffer.from(await response.arrayBuffer());
            const actual = `sha256:${(0,external_node_crypto_.createHash)('sha256').update(bytes).digest('hex')}`;
            if (digest.startsWith('sha256:') && actual !== digest)
                throw new RegistryHttpError(`${credentials.host} served blob bytes with digest ${actual} for ${digest}`, 502);
            return bytes;
        }),
    };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/deps.js







/**
 * The real dependencies. Loaded with the AWS SDK only after the inputs have been validated, so a bad
 * input fails fast (see main.ts). Region and endpoints follow the SDK's own rules (AWS_ENDPOINT_URL_ECR).
 */
function createEcrBuildPushDeps(inputs, env) {
    const target = inputs.target;
    return {
        docker: (0,docker_cli/* createDockerCli */.FA)(),
        ...(target.type === 'private' ? { ecr: (0,aws/* createAwsClient */.nV)(dist_cjs/* ECRClient */.S70, { region: target.region }) } : {}),
        registryApi: (credentials) => createRegistryApi(credentials),
        tempDir: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        runId: `${env.GITHUB_RUN_ID ?? 'local'}-${env.GITHUB_RUN_ATTEMPT ?? '1'}-${env.GITHUB_JOB ?? 'job'}`,
        log: (line) => core/* info */.pq(line),
        warn: (line) => core/* warning */.$e(line),
        saveState: (name, value) => core/* saveState */.LZ(name, value),
        setOutput: (name, value) => core/* setOutput */.uH(name, value),
        writeSummary: (markdown) => (0,summary/* appendJobSummary */.I1)(markdown),
        now: () => Date.now(),
    };
}


/***/ }),

/***/ 774:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FA: () => (/* binding */ createDockerCli),
/* harmony export */   WA: () => (/* binding */ dockerOrThrow),
/* harmony export */   w$: () => (/* binding */ lastLines)
/* harmony export */ });
/* unused harmony export DockerMissingError */
/* harmony import */ var _actions_exec__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2876);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7135);


/** Thrown when the `docker` executable itself is missing, so the caller can say what to install. */
class DockerMissingError extends Error {
    name = 'DockerMissingError';
}
function createDockerCli(env) {
    return {
        async run(args, options = {}) {
            try {
                return await (0,_actions_exec__WEBPACK_IMPORTED_MODULE_0__/* .getExecOutput */ .H)('docker', args, {
                    ignoreReturnCode: true,
                    silent: options.quiet === true,
                    ...(options.input === undefined ? {} : { input: Buffer.from(options.input, 'utf8') }),
                    ...(env ? { env } : {}),
                });
            }
            catch (error) {
                // @actions/exec throws before spawning when the executable is not on PATH.
                if (/Unable to locate executable file/i.test((0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorMessage */ .gJ)(error))) {
                    throw new DockerMissingError('docker is not installed or not on PATH: install Docker Engine with the buildx plugin (Debian/Ubuntu: docker-ce and docker-buildx-plugin), or run on a GitHub-hosted Linux runner');
                }
                throw error;
            }
        },
    };
}
/** Runs a docker command that must succeed; the error says what was being done and docker's own words. */
async function dockerOrThrow(docker, args, doing, options = {}) {
    const result = await docker.run(args, options);
    if (result.exitCode !== 0) {
        throw new Error(`${doing} failed (docker exited with ${result.exitCode}): ${lastLines(result.stderr || result.stdout)}`);
    }
    return result;
}
/** The tail of docker's output: the reason is at the end, and a whole build log is too long for one error line. */
function lastLines(text, count = 3) {
    const lines = text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    return lines.slice(-count).join(' | ') || '(no output)';
}


/***/ }),

/***/ 9830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I1: () => (/* binding */ appendJobSummary),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/* unused harmony exports STEP_SUMMARY_LIMIT_BYTES, escapeMarkdown, codeBlock, details, fitToBytes */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3360);

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
    await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .summary */ .z.addRaw(fitToBytes(markdown, STEP_SUMMARY_LIMIT_BYTES), true).write();
}


/***/ })

};
