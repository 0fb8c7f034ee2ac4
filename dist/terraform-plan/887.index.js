export const id = 887;
export const ids = [887];
export const modules = {

/***/ 3887:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runTerraformPlan: () => (/* binding */ runTerraformPlan)
});

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 21 modules
var github = __webpack_require__(1758);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-retry/dist-bundle/index.js
var dist_bundle = __webpack_require__(9735);
// EXTERNAL MODULE: ./node_modules/@octokit/plugin-throttling/dist-bundle/index.js
var plugin_throttling_dist_bundle = __webpack_require__(6856);
;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/version.js
/** Sent in the AWS user agent as `ecs-delivery/<version>`; a unit test keeps it equal to package.json. */
const VERSION = '0.1.0';

;// CONCATENATED MODULE: ./.build/scratch/js/src/lib/github.js




const DEFAULT_GITHUB_API_URL = 'https://api.github.com';
/** The API base URL as the runner gives it, like every GitHub tool reads it. */
function githubApiUrl(env) {
    return (env.GITHUB_API_URL ?? '').replace(/\/+$/, '') || DEFAULT_GITHUB_API_URL;
}
/**
 * Builds the client. The retry plugin retries 5xx and network errors but never 4xx other than
 * rate limits; the throttling plugin waits out primary and secondary rate limits (honouring
 * `retry-after`) a bounded number of times, so a busy repository slows a step down instead of failing it.
 */
function createGithubClient(options) {
    const maxRetries = options.maxRetries ?? 3;
    const warn = options.warn ?? (() => undefined);
    const onLimit = (kind) => (retryAfter, request, _octokit, retryCount) => {
        if (retryCount >= maxRetries) {
            warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: giving up after ${retryCount} retries`);
            return false;
        }
        warn(`GitHub ${kind} rate limit on ${request.method} ${request.url}: retrying in ${retryAfter} s`);
        return true;
    };
    return (0,github/* getOctokit */.Q)(options.token, {
        baseUrl: options.apiUrl ?? DEFAULT_GITHUB_API_URL,
        userAgent: `ecs-delivery/${VERSION}`,
        retry: { retries: maxRetries },
        throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary') },
    }, dist_bundle/* retry */.L, plugin_throttling_dist_bundle/* throttling */.A);
}
/** The HTTP status of an Octokit error, if it has one. */
function httpStatus(error) {
    if (typeof error !== 'object' || error === null || !('status' in error))
        return undefined;
    return typeof error.status === 'number' ? error.status : undefined;
}
/**
 * GITHUB_TOKEN on a pull request from a fork is read-only: GitHub answers writes with 403
 * "Resource not accessible by integration". Callers turn that into a warning, never a failure.
 */
function isReadOnlyTokenError(error) {
    return httpStatus(error) === 403 && error instanceof Error && /Resource not accessible by integration/i.test(error.message);
}
/** The login GITHUB_TOKEN writes as; GET /user refuses installation tokens. */
const ACTIONS_BOT_LOGIN = 'github-actions[bot]';
/**
 * The login of the token's user, so that only comments this token wrote are ever updated or deleted.
 * An installation token (the job's GITHUB_TOKEN) cannot read /user; it writes as github-actions[bot].
 */
async function tokenLogin(client) {
    try {
        const { data } = await client.rest.users.getAuthenticated();
        return data.login;
    }
    catch (error) {
        if (isReadOnlyTokenError(error))
            return ACTIONS_BOT_LOGIN;
        throw error;
    }
}
/** Pull requests a commit belongs to (a push of a merge commit finds the PR it merged). */
async function pullRequestsForCommit(client, owner, repo, sha) {
    const { data } = await client.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: sha });
    return data.map((pull) => pull.number);
}
/** Adds labels to an issue or pull request (GitHub creates unknown labels on first use). */
async function addLabels(client, ref, labels) {
    if (labels.length === 0)
        return;
    await client.rest.issues.addLabels({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, labels });
}
/** Removes a label; one that is not there is not an error. */
async function removeLabel(client, ref, name) {
    try {
        await client.rest.issues.removeLabel({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, name });
    }
    catch (error) {
        if (httpStatus(error) !== 404)
            throw error;
    }
}

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/secrets.js
var secrets = __webpack_require__(9335);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/summary.js
var lib_summary = __webpack_require__(9830);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/marker.js

const PREFIX = 'ecs-delivery:terraform-plan';
const RECORD_PREFIX = 'ecs-delivery:terraform-plan-record';
/** Digests of ~1,000 resources; beyond that the record keeps the checksum and counts only. */
const MAX_RECORD_CHARS = 40_000;
/** The identifying line. The key is hashed so it is short and safe inside an HTML comment. */
function markerLine(identity) {
    const key = JSON.stringify([identity.workflow, identity.workingDirectory, identity.workspace, identity.commentKey]);
    const id = (0,external_node_crypto_.createHash)('sha256').update(key).digest('hex').slice(0, 24);
    return `<!-- ${PREFIX} id=${id} -->`;
}
function recordLine(record) {
    const encode = (value) => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
    let encoded = encode(record);
    if (encoded.length > MAX_RECORD_CHARS)
        encoded = encode({ checksum: record.checksum, counts: record.counts });
    return `<!-- ${RECORD_PREFIX} ${encoded} -->`;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const COUNT_KEYS = ['add', 'change', 'destroy', 'replace', 'import', 'move', 'forget', 'read', 'outputs', 'drift'];
/** The review record in a comment body, checked field by field (anyone can edit a comment). */
function parseRecord(body) {
    const match = new RegExp(`<!-- ${RECORD_PREFIX} ([A-Za-z0-9_-]+) -->`).exec(body);
    if (!match?.[1])
        return undefined;
    let value;
    try {
        value = JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8'));
    }
    catch {
        return undefined;
    }
    if (!isRecord(value) || typeof value.checksum !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(value.checksum))
        return undefined;
    const rawCounts = isRecord(value.counts) ? value.counts : {};
    const counts = { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0, outputs: 0, drift: 0 };
    for (const key of COUNT_KEYS) {
        const count = rawCounts[key];
        if (typeof count === 'number' && Number.isInteger(count))
            counts[key] = count;
    }
    const record = { checksum: value.checksum, counts };
    if (isRecord(value.digests)) {
        record.digests = Object.fromEntries(Object.entries(value.digests).filter((entry) => typeof entry[1] === 'string'));
    }
    return record;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/classify.js
function changeKind(change) {
    const [first, second] = change.actions;
    if (change.actions.length === 2 &&
        first !== second &&
        (first === 'delete' || first === 'create') &&
        (second === 'delete' || second === 'create')) {
        return 'replace';
    }
    // The parser guarantees at least one action.
    return first ?? 'no-op';
}
function classifyResource(resource, plan) {
    const kind = changeKind(resource.change);
    const classified = {
        address: resource.address,
        plan,
        kind,
        importing: resource.change.importing !== undefined,
        resource,
    };
    if (kind === 'replace')
        classified.replaceOrder = resource.change.actions[0] === 'delete' ? 'delete-first' : 'create-first';
    if (resource.previousAddress !== undefined && resource.previousAddress !== resource.address)
        classified.movedFrom = resource.previousAddress;
    if (resource.actionReason !== undefined)
        classified.reason = resource.actionReason;
    return classified;
}
/** Terraform shows no-ops only when they import or move something, and never a data source "delete". */
function isShown(resource) {
    if (resource.kind === 'no-op')
        return resource.importing || resource.movedFrom !== undefined;
    return !(resource.kind === 'delete' && resource.resource.mode === 'data');
}
function emptyCounts() {
    return { add: 0, change: 0, destroy: 0, replace: 0, import: 0, move: 0, forget: 0, read: 0, outputs: 0, drift: 0 };
}
function count(counts, resource) {
    if (resource.importing)
        counts.import += 1;
    if (resource.movedFrom !== undefined)
        counts.move += 1;
    switch (resource.kind) {
        case 'create':
            counts.add += 1;
            break;
        case 'update':
            counts.change += 1;
            break;
        case 'delete':
            counts.destroy += 1;
            break;
        case 'replace':
            counts.add += 1;
            counts.destroy += 1;
            counts.replace += 1;
            break;
        case 'forget':
            counts.forget += 1;
            break;
        case 'read':
            counts.read += 1;
            break;
        case 'no-op':
            break;
    }
}
function classifyOutput(output, plan) {
    return { name: output.name, plan, kind: changeKind(output.change), change: output.change };
}
/** Classifies one or more plan documents into one summary (several directories of a Terragrunt run). */
function classify_summarizePlans(plans) {
    const counts = emptyCounts();
    const resources = [];
    const drift = [];
    const outputs = [];
    plans.forEach((plan, index) => {
        for (const change of plan.resourceChanges) {
            const classified = classifyResource(change, index);
            if (!isShown(classified))
                continue;
            resources.push(classified);
            count(counts, classified);
        }
        for (const change of plan.resourceDrift) {
            const classified = classifyResource(change, index);
            if (classified.kind !== 'no-op')
                drift.push(classified);
        }
        for (const output of plan.outputChanges) {
            const classified = classifyOutput(output, index);
            if (classified.kind !== 'no-op')
                outputs.push(classified);
        }
    });
    counts.outputs = outputs.length;
    counts.drift = drift.length;
    const hasChanges = resources.length > 0 || outputs.length > 0;
    return {
        resources,
        drift,
        outputs,
        counts,
        hasChanges,
        errored: plans.some((plan) => plan.errored === true),
        // Before Terraform 1.6 the flag is absent: a plan that changes something was applyable.
        applyable: plans.some((plan) => plan.applyable ?? hasChanges),
        complete: plans.every((plan) => plan.complete ?? true),
        planCount: plans.length,
    };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/sensitive.js
/** What Terraform itself prints in place of a sensitive value. */
const SENSITIVE_PLACEHOLDER = '(sensitive value)';
/** Marks the part of `mask` that `key` leads to: `true` covers everything below it. */
function child(mask, key) {
    if (mask === true || mask === false)
        return mask;
    if (Array.isArray(mask))
        return typeof key === 'number' ? (mask[key] ?? false) : false;
    return mask[String(key)] ?? false;
}
/**
 * A copy of `value` with every sensitive part replaced by the placeholder. The JSON plan keeps
 * sensitive values in clear text; only the masks say which they are, so every value shown goes
 * through here first.
 */
function redactValue(value, sensitive) {
    if (sensitive === true)
        return value === null ? null : SENSITIVE_PLACEHOLDER;
    if (sensitive === false || value === null || typeof value !== 'object')
        return value;
    if (Array.isArray(value))
        return value.map((item, index) => redactValue(item, child(sensitive, index)));
    const result = {};
    for (const [key, item] of Object.entries(value))
        result[key] = redactValue(item, child(sensitive, key));
    return result;
}
/** Every scalar under the sensitive parts of `value`. */
function sensitiveLeaves(value, sensitive, into = []) {
    if (sensitive === false || value === null || value === undefined)
        return into;
    if (sensitive === true) {
        collectScalars(value, into);
        return into;
    }
    if (Array.isArray(value))
        value.forEach((item, index) => sensitiveLeaves(item, child(sensitive, index), into));
    else if (typeof value === 'object')
        for (const [key, item] of Object.entries(value))
            sensitiveLeaves(item, child(sensitive, key), into);
    return into;
}
function collectScalars(value, into) {
    if (value === null || value === undefined)
        return;
    if (Array.isArray(value))
        value.forEach((item) => collectScalars(item, into));
    else if (typeof value === 'object')
        Object.values(value).forEach((item) => collectScalars(item, into));
    else
        into.push(value);
}
function changeSecrets(change, into) {
    sensitiveLeaves(change.before, change.beforeSensitive, into);
    sensitiveLeaves(change.after, change.afterSensitive, into);
}
/** Sensitive scalars of every plan, as strings; booleans and empty strings carry nothing to leak. */
function collectSecrets(plans) {
    const leaves = [];
    for (const plan of plans) {
        for (const resource of [...plan.resourceChanges, ...plan.resourceDrift])
            changeSecrets(resource.change, leaves);
        for (const output of plan.outputChanges)
            changeSecrets(output.change, leaves);
        for (const value of plan.sensitiveVariableValues)
            collectScalars(value, leaves);
    }
    const secrets = new Set();
    for (const leaf of leaves) {
        if (typeof leaf === 'boolean')
            continue;
        const text = String(leaf);
        if (text.trim() !== '')
            secrets.add(text);
    }
    return [...secrets];
}
/** Long enough to replace wherever it appears without blanking ordinary words. */
const FREE_TEXT_MIN_LENGTH = 4;
function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
/**
 * Removes sensitive values from plan text. `terraform show` already prints `(sensitive value)`, but
 * read mode takes any text (a wrapper's log, an older tool), so nothing is trusted. Long values go
 * wherever they appear (also line by line, for heredocs, and in Terraform's quoted form); short ones
 * only where they stand as a whole quoted string or as an attribute's whole value, so that a secret
 * `42` does not blank every 42 in the plan.
 */
function scrubText(text, secrets) {
    if (secrets.length === 0)
        return text;
    const free = new Set();
    const exact = new Set();
    for (const secret of secrets) {
        for (const form of [JSON.stringify(secret), secret, ...secret.split(/\r?\n/)]) {
            if (form.trim().length >= FREE_TEXT_MIN_LENGTH)
                free.add(form);
            else if (form.trim() !== '')
                exact.add(form.trim());
        }
    }
    let result = text;
    if (free.size > 0) {
        // One alternation, longest first, so a secret containing another is replaced whole.
        const pattern = [...free]
            .sort((a, b) => b.length - a.length)
            .map(escapeRegExp)
            .join('|');
        result = result.replace(new RegExp(pattern, 'g'), SENSITIVE_PLACEHOLDER);
    }
    for (const short of exact) {
        const value = escapeRegExp(short);
        result = result
            .replace(new RegExp(`"${value}"`, 'g'), SENSITIVE_PLACEHOLDER)
            .replace(new RegExp(`(=\\s*)${value}(?=\\s*(?:->|$|,|\\}|\\]))`, 'gm'), `$1${SENSITIVE_PLACEHOLDER}`)
            .replace(new RegExp(`(->\\s*)${value}(?=\\s*$)`, 'gm'), `$1${SENSITIVE_PLACEHOLDER}`);
    }
    return result;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/checksum.js



/**
 * A checksum of what a plan would do, so that apply can prove it applies what was reviewed. It covers
 * the resource changes and output changes only: not the timestamp, the Terraform version, prior state
 * or configuration, which differ between two runs that plan the same thing. Sensitive values enter
 * as the placeholder, never as themselves: the checksum is published in a PR comment, and a hash over
 * a short secret could be brute-forced offline.
 */
/** JSON with object keys sorted at every level, so property order cannot change the checksum. */
function canonicalJson(value) {
    if (value === null || typeof value !== 'object')
        return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value))
        return `[${value.map(canonicalJson).join(',')}]`;
    const entries = Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}
function sha256(text) {
    return (0,external_node_crypto_.createHash)('sha256').update(text).digest('hex');
}
function normalResource(resource) {
    const { change } = resource.resource;
    return {
        address: resource.address,
        previousAddress: resource.movedFrom,
        deposed: resource.resource.deposed,
        actions: change.actions,
        before: redactValue(change.before, change.beforeSensitive),
        after: redactValue(change.after, change.afterSensitive),
        afterUnknown: change.afterUnknown,
        importing: change.importing === undefined ? undefined : (change.importing.id ?? change.importing.identity ?? true),
        replacePaths: change.replacePaths,
    };
}
function normalOutput(output) {
    const { change } = output;
    return {
        name: output.name,
        actions: change.actions,
        after: redactValue(change.after, change.afterSensitive),
        afterUnknown: change.afterUnknown,
    };
}
/** The normalised plan: per document, its changing resources by address and its changing outputs by name. */
function normalizePlans(plans) {
    return plans.map((plan) => {
        const summary = summarizePlans([plan]);
        return {
            outputs: summary.outputs.map(normalOutput).sort((a, b) => compareText(a.name, b.name)),
            resources: summary.resources.map(normalResource).sort((a, b) => compareText(a.address, b.address)),
        };
    });
}
/** Code-unit order: locale-independent, so every runner computes the same checksum. */
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * Checksum and per-resource digests in one pass: each resource is serialised once and fed both to
 * its own digest and to the streaming hash of the whole document (5,000 resources: one pass, not two).
 */
function fingerprintPlans(plans) {
    const whole = (0,external_node_crypto_.createHash)('sha256');
    const digests = {};
    whole.update('[');
    plans.forEach((plan, index) => {
        const summary = classify_summarizePlans([plan]);
        const outputs = summary.outputs.map(normalOutput).sort((a, b) => compareText(a.name, b.name));
        const resources = summary.resources
            .map((resource) => ({ resource, normal: normalResource(resource) }))
            .sort((a, b) => compareText(a.normal.address, b.normal.address));
        whole.update(`${index > 0 ? ',' : ''}{"outputs":${canonicalJson(outputs)},"resources":[`);
        resources.forEach(({ resource, normal }, position) => {
            const json = canonicalJson(normal);
            whole.update(position > 0 ? `,${json}` : json);
            const key = plans.length > 1 ? `${index + 1}:${resource.address}` : resource.address;
            digests[key] = `${resource.kind}:${sha256(json).slice(0, 12)}`;
        });
        whole.update(']}');
    });
    whole.update(']');
    return { checksum: `sha256:${whole.digest('hex')}`, digests };
}
/** `sha256:<hex>` of the normalised plan. */
function planChecksum(plans) {
    return fingerprintPlans(plans).checksum;
}
function resourceDigests(plans) {
    return fingerprintPlans(plans).digests;
}
/** Which resources differ between the reviewed digests and the new ones. */
function compareDigests(reviewed, current) {
    const added = Object.keys(current).filter((address) => !(address in reviewed));
    const removed = Object.keys(reviewed).filter((address) => !(address in current));
    const changed = Object.keys(current).filter((address) => address in reviewed && reviewed[address] !== current[address]);
    return { added, removed, changed };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/plan-parse.js
/** The plan JSON is not what `terraform show -json` writes; the message says where. */
class PlanFormatError extends Error {
    name = 'PlanFormatError';
}
const ACTIONS = ['no-op', 'create', 'read', 'update', 'delete', 'forget'];
function plan_parse_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function optionalString(object, key, where) {
    const value = object[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'string')
        throw new PlanFormatError(`${where}.${key} is not a string`);
    return value;
}
function requiredString(object, key, where) {
    const value = optionalString(object, key, where);
    if (value === undefined)
        throw new PlanFormatError(`${where}.${key} is missing`);
    return value;
}
function optionalBoolean(object, key, where) {
    const value = object[key];
    if (value === undefined || value === null)
        return undefined;
    if (typeof value !== 'boolean')
        throw new PlanFormatError(`${where}.${key} is not true or false`);
    return value;
}
function mask(value, where) {
    if (value === undefined || value === null)
        return false;
    if (typeof value === 'boolean')
        return value;
    if (Array.isArray(value))
        return value.map((item, index) => mask(item, `${where}[${index}]`));
    if (plan_parse_isRecord(value)) {
        const result = {};
        for (const [key, item] of Object.entries(value))
            result[key] = mask(item, `${where}.${key}`);
        return result;
    }
    throw new PlanFormatError(`${where} is not a sensitivity/unknown mask`);
}
function actions(value, where) {
    if (!Array.isArray(value) || value.length === 0)
        throw new PlanFormatError(`${where}.actions is not a list of actions`);
    return value.map((action) => {
        if (typeof action !== 'string' || !ACTIONS.includes(action)) {
            throw new PlanFormatError(`${where}.actions holds '${String(action)}', which this action does not know`);
        }
        return action; // narrowed by the ACTIONS check just above
    });
}
function planChange(value, where) {
    if (!plan_parse_isRecord(value))
        throw new PlanFormatError(`${where} is not an object`);
    const change = {
        actions: actions(value.actions, where),
        before: value.before ?? null,
        after: value.after ?? null,
        afterUnknown: mask(value.after_unknown, `${where}.after_unknown`),
        beforeSensitive: mask(value.before_sensitive, `${where}.before_sensitive`),
        afterSensitive: mask(value.after_sensitive, `${where}.after_sensitive`),
    };
    if (plan_parse_isRecord(value.importing)) {
        const id = optionalString(value.importing, 'id', `${where}.importing`);
        change.importing = {
            ...(id === undefined ? {} : { id }),
            ...(value.importing.identity === undefined ? {} : { identity: value.importing.identity }),
        };
    }
    if (Array.isArray(value.replace_paths))
        change.replacePaths = value.replace_paths;
    return change;
}
function resourceChange(value, where) {
    if (!plan_parse_isRecord(value))
        throw new PlanFormatError(`${where} is not an object`);
    const mode = requiredString(value, 'mode', where);
    if (mode !== 'managed' && mode !== 'data')
        throw new PlanFormatError(`${where}.mode is '${mode}', not managed or data`);
    const result = {
        address: requiredString(value, 'address', where),
        mode,
        type: requiredString(value, 'type', where),
        name: requiredString(value, 'name', where),
        change: planChange(value.change, `${where}.change`),
    };
    const optional = {
        previousAddress: 'previous_address',
        moduleAddress: 'module_address',
        deposed: 'deposed',
        actionReason: 'action_reason',
    };
    for (const [field, key] of Object.entries(optional)) {
        const text = optionalString(value, key, where);
        if (text !== undefined)
            result[field] = text;
    }
    return result;
}
function list(value, where, item) {
    if (value === undefined || value === null)
        return [];
    if (!Array.isArray(value))
        throw new PlanFormatError(`${where} is not a list`);
    return value.map((entry, index) => item(entry, `${where}[${index}]`));
}
function outputChanges(value) {
    if (value === undefined || value === null)
        return [];
    if (!plan_parse_isRecord(value))
        throw new PlanFormatError('output_changes is not an object');
    return Object.entries(value).map(([name, change]) => ({ name, change: planChange(change, `output_changes.${name}`) }));
}
/** Values of root variables the configuration declares sensitive: `variables` itself carries no flag. */
function sensitiveVariableValues(document) {
    const configuration = plan_parse_isRecord(document.configuration) ? document.configuration : {};
    const rootModule = plan_parse_isRecord(configuration.root_module) ? configuration.root_module : {};
    const declared = plan_parse_isRecord(rootModule.variables) ? rootModule.variables : {};
    const values = plan_parse_isRecord(document.variables) ? document.variables : {};
    return Object.entries(declared)
        .filter(([, declaration]) => plan_parse_isRecord(declaration) && declaration.sensitive === true)
        .map(([name]) => values[name])
        .filter(plan_parse_isRecord)
        .map((variable) => variable.value);
}
/** Checks one parsed document and keeps what the action uses. */
function toTerraformPlan(document) {
    if (!plan_parse_isRecord(document))
        throw new PlanFormatError('the document is not a JSON object');
    const formatVersion = requiredString(document, 'format_version', 'plan');
    if (!/^1\.\d+$/.test(formatVersion)) {
        throw new PlanFormatError(`format_version ${formatVersion} is not supported (expected 1.x, from terraform show -json)`);
    }
    if (document.resource_changes === undefined && document.planned_values === undefined && document.values !== undefined) {
        throw new PlanFormatError('this is a state file, not a plan: run terraform show -json on the saved plan file');
    }
    const plan = {
        formatVersion,
        resourceChanges: list(document.resource_changes, 'resource_changes', resourceChange),
        resourceDrift: list(document.resource_drift, 'resource_drift', resourceChange),
        outputChanges: outputChanges(document.output_changes),
        sensitiveVariableValues: sensitiveVariableValues(document),
    };
    const terraformVersion = optionalString(document, 'terraform_version', 'plan');
    if (terraformVersion !== undefined)
        plan.terraformVersion = terraformVersion;
    for (const key of ['errored', 'applyable', 'complete']) {
        const flag = optionalBoolean(document, key, 'plan');
        if (flag !== undefined)
            plan[key] = flag;
    }
    return plan;
}
/**
 * One plan, or several as NDJSON (one document per line, as `terragrunt show --all -json` writes).
 * A pretty-printed single document spans many lines, so the whole text is tried first.
 */
function parsePlanDocuments(text) {
    const trimmed = text.trim();
    if (trimmed === '')
        throw new PlanFormatError('the plan JSON is empty');
    try {
        return [toTerraformPlan(JSON.parse(trimmed))];
    }
    catch (error) {
        if (!(error instanceof SyntaxError))
            throw error;
    }
    const lines = trimmed.split('\n').filter((line) => line.trim() !== '');
    return lines.map((line, index) => {
        let document;
        try {
            document = JSON.parse(line);
        }
        catch {
            // The parser's message quotes the text around the fault, which may be a secret: never echo it.
            throw new PlanFormatError(`line ${index + 1} is not JSON; expected the output of terraform show -json`);
        }
        try {
            return toTerraformPlan(document);
        }
        catch (error) {
            throw error instanceof PlanFormatError ? new PlanFormatError(`document ${index + 1}: ${error.message}`) : error;
        }
    });
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/plan-text.js
/**
 * Reads the human plan (`terraform show -no-color <planfile>`): the per-resource blocks the comment
 * shows as diffs, and Terraform's own `Plan:` line, which tests hold the JSON counts against.
 */
/** An address: dots and names, with `[0]` or `["quoted key"]` indexes that may hold spaces. */
const ADDRESS = String.raw `((?:[^\s[]|\[(?:"(?:[^"\\]|\\.)*"|\d+)\])+)`;
/** `  # <address> will be created` and friends. */
const BLOCK_HEADER = new RegExp(String.raw `^ {2}# ${ADDRESS}(?: \(deposed object \w+\))? (?:will|must|has|is|are)\b`);
/** A move names the old address first: the block belongs to the new one. */
const MOVED_TO = new RegExp(String.raw ` has moved to ${ADDRESS}`);
/** Headers of the parts of `terraform plan` output that are not per-resource blocks. */
const SECTION_END = /^(?:Plan: |Changes to Outputs:|No changes\.|Warning: |Error: |─{5,}|Note: Objects have changed|Terraform detected the following changes made outside)/;
const ACTIONS_START = /^Terraform (?:will perform|planned) the following actions/;
const PLAN_LINE = /^Plan: (?:(\d+) to import, )?(\d+) to add, (\d+) to change, (\d+) to destroy(?:, (\d+) to forget)?\./m;
/** Terraform's own counts, when the text has a `Plan:` line. */
function parsePlanLine(text) {
    const match = PLAN_LINE.exec(text);
    if (!match)
        return undefined;
    const number = (group) => (group === undefined ? 0 : Number(group));
    return { import: number(match[1]), add: number(match[2]), change: number(match[3]), destroy: number(match[4]), forget: number(match[5]) };
}
/**
 * The block of text for each resource address, in plan order. Only the "will perform the following
 * actions" part is read when there is one, so drift blocks (changed outside Terraform) are not taken
 * for planned changes. The first block of an address wins (deposed objects share their address).
 */
function splitResourceBlocks(text) {
    const lines = text.split('\n');
    const start = lines.findIndex((line) => ACTIONS_START.test(line));
    const blocks = new Map();
    let address;
    let current = [];
    const flush = () => {
        if (address !== undefined && !blocks.has(address))
            blocks.set(address, trimBlankLines(current).join('\n'));
        address = undefined;
        current = [];
    };
    for (const line of lines.slice(start < 0 ? 0 : start + 1)) {
        const header = BLOCK_HEADER.exec(line);
        if (header?.[1] !== undefined) {
            flush();
            address = MOVED_TO.exec(line)?.[1] ?? header[1];
            current = [line];
        }
        else if (SECTION_END.test(line)) {
            flush();
            if (start >= 0 && line.startsWith('Plan: '))
                break;
        }
        else if (address !== undefined) {
            current.push(line);
        }
    }
    flush();
    return blocks;
}
function trimBlankLines(lines) {
    let end = lines.length;
    while (end > 0 && (lines[end - 1] ?? '').trim() === '')
        end -= 1;
    return lines.slice(0, end);
}
/** The `Changes to Outputs:` part, if any. */
function outputsSection(text) {
    const match = /^Changes to Outputs:\n((?:[ \t]+.*\n?|\n(?=[ \t]))*)/m.exec(text);
    return match?.[1]?.replace(/\n+$/, '');
}
/**
 * Puts a diff sign in column one so a ```diff block colours Terraform's markers (`~` and `<=` become
 * `!`, which diff highlighting shows as changed). Only indentation is replaced: content is untouched.
 */
function toDiffLines(block) {
    return block
        .split('\n')
        .map((line) => {
        const match = /^ (\s*)(-\/\+|\+\/-|<=|[+~-])( |$)/.exec(line);
        if (!match)
            return line;
        const marker = match[2] ?? '';
        const sign = marker === '~' || marker === '<=' ? '!' : marker.startsWith('-') ? '-' : '+';
        return `${sign}${line.slice(1)}`;
    })
        .join('\n');
}
/** The diagnostics of a failed run: from the first `Error:` (or `│ Error:`) to the end. */
function errorOutput(text) {
    const at = text.search(/^(?:│ )?Error: /m);
    return (at < 0 ? text : text.slice(at)).trim();
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/text-decode.js
/**
 * Turns plan files as they arrive into clean text. `terraform show` redirected by Windows PowerShell
 * (`>`) writes UTF-16LE with a BOM and CRLF line ends; coloured plan output carries ANSI escapes.
 */
/** CSI sequences (colours, cursor moves) and OSC sequences (hyperlinks, titles). */
const ANSI_PATTERN = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;
function stripAnsi(text) {
    return text.replace(ANSI_PATTERN, '');
}
/** Decodes by BOM; without one, a NUL in every other byte still gives UTF-16 away. */
function decodeText(bytes) {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (buffer[0] === 0xff && buffer[1] === 0xfe)
        return buffer.subarray(2).toString('utf16le');
    if (buffer[0] === 0xfe && buffer[1] === 0xff)
        return swapBytes(buffer.subarray(2)).toString('utf16le');
    if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
        return buffer.subarray(3).toString('utf8');
    if (buffer.length >= 4 && buffer[1] === 0 && buffer[3] === 0 && buffer[0] !== 0)
        return buffer.toString('utf16le');
    if (buffer.length >= 4 && buffer[0] === 0 && buffer[2] === 0 && buffer[1] !== 0)
        return swapBytes(buffer).toString('utf16le');
    return buffer.toString('utf8');
}
function swapBytes(buffer) {
    const copy = Buffer.from(buffer.subarray(0, buffer.length - (buffer.length % 2)));
    return copy.swap16();
}
/** LF line ends, no BOM, no colour: what every parser and renderer downstream expects. */
function cleanText(text) {
    return stripAnsi(text.replace(/^\uFEFF/, '')).replace(/\r\n?/g, '\n');
}
/** Bytes of a plan file (JSON or text) to clean text. */
function readPlanBytes(bytes) {
    return cleanText(decodeText(bytes));
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/analyze.js






/** From the bytes of `terraform show -json` (one document or NDJSON) and, optionally, of `terraform show`. */
function analyzePlan(jsonBytes, textBytes) {
    const plans = parsePlanDocuments(readPlanBytes(jsonBytes));
    const secrets = collectSecrets(plans);
    const { checksum, digests } = fingerprintPlans(plans);
    const analyzed = { plans, summary: classify_summarizePlans(plans), secrets, textBlocks: new Map(), checksum, digests };
    if (textBytes !== undefined) {
        analyzed.text = scrubText(readPlanBytes(textBytes), secrets);
        analyzed.textBlocks = splitResourceBlocks(analyzed.text);
    }
    return analyzed;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/terraform-cli.js

/** The plan file, relative to the working directory, where Terraform writes it. */
const PLAN_FILE_NAME = 'tfplan';
/**
 * Variables go to Terraform as TF_VAR_* environment variables, never as `-var` arguments: @actions/exec
 * echoes every command line, and a process list shows arguments to anyone on the machine.
 */
function variableEnv(variables) {
    const env = {};
    for (const variable of variables)
        env[`TF_VAR_${variable.key}`] = variable.value;
    return env;
}
/** init → workspace → plan → show (text) → show -json, stopping at the first failure with its output. */
async function runTerraform(options, exec) {
    const cwd = options.workingDirectory;
    const env = { ...variableEnv(options.variables), TF_IN_AUTOMATION: 'true', TF_INPUT: '0' };
    const step = async (stage, args, silent = false) => {
        const result = await exec(options.binary, args, { cwd, env, silent });
        return { stage, ...result };
    };
    const failed = (result) => ({
        ok: false,
        exitCode: result.exitCode,
        stage: result.stage,
        output: `${result.stderr}\n${result.stdout}`.trim(),
    });
    if (options.init) {
        const init = await step('init', [
            'init',
            '-input=false',
            '-no-color',
            ...options.backendConfig.map((entry) => `-backend-config=${entry}`),
        ]);
        if (init.exitCode !== 0)
            return failed(init);
    }
    if (options.workspace !== 'default') {
        const select = await step('workspace select', ['workspace', 'select', '-or-create=true', options.workspace]);
        if (select.exitCode !== 0)
            return failed(select);
    }
    // Silent: the action logs the plan text itself once it is scrubbed of sensitive values (a wrapper
    // or an old provider may print them); on failure the output is logged as the error.
    const plan = await step('plan', [
        'plan',
        `-out=${PLAN_FILE_NAME}`,
        '-detailed-exitcode',
        '-no-color',
        '-input=false',
        ...options.varFiles.map((file) => `-var-file=${file}`),
    ], true);
    if (plan.exitCode !== 0 && plan.exitCode !== 2)
        return failed(plan);
    const text = await step('show', ['show', '-no-color', PLAN_FILE_NAME], true);
    if (text.exitCode !== 0)
        return failed(text);
    // Silent: the JSON holds sensitive values in clear text and must never reach the log.
    const json = await step('show -json', ['show', '-json', PLAN_FILE_NAME], true);
    if (json.exitCode !== 0)
        return failed({ ...json, stdout: '' });
    return { ok: true, exitCode: plan.exitCode, planFile: (0,external_node_path_.join)(cwd, PLAN_FILE_NAME), json: json.stdout, text: text.stdout };
}
/** Applies a saved plan file: Terraform applies exactly that plan, without asking. */
async function applyPlanFile(options, planFile, exec) {
    const result = await exec(options.binary, ['apply', '-input=false', '-no-color', planFile], {
        cwd: options.workingDirectory,
        env: { ...variableEnv(options.variables), TF_IN_AUTOMATION: 'true', TF_INPUT: '0' },
    });
    if (result.exitCode !== 0) {
        const firstError = /Error: .*/.exec(`${result.stderr}\n${result.stdout}`)?.[0] ?? `exit code ${result.exitCode}`;
        throw new Error(`terraform apply failed in ${options.workingDirectory}: ${firstError}`);
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/obtain-plan.js




function terraformOptions(inputs) {
    const { source } = inputs;
    if (source.kind !== 'run')
        return undefined;
    return {
        binary: source.terraformBinary,
        workingDirectory: inputs.workingDirectory,
        workspace: inputs.workspace,
        init: source.init,
        varFiles: source.varFiles,
        variables: source.variables,
        backendConfig: source.backendConfig,
    };
}
/** One folder per working directory and workspace, so two plan steps in one job do not collide. */
function outputDir(inputs) {
    const slug = `${inputs.workingDirectoryLabel}-${inputs.workspace}-${inputs.commentKey}`.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 80);
    const dir = (0,external_node_path_.join)(inputs.tempDir, 'terraform-plan', slug);
    (0,external_node_fs_.mkdirSync)(dir, { recursive: true });
    return dir;
}
async function obtainPlan(inputs, exec) {
    const options = terraformOptions(inputs);
    if (inputs.source.kind === 'read' || options === undefined) {
        const source = inputs.source.kind === 'read' ? inputs.source : undefined;
        if (!source)
            throw new Error('no plan source');
        const analyzed = analyzePlan((0,external_node_fs_.readFileSync)(source.planJson), source.planText === undefined ? undefined : (0,external_node_fs_.readFileSync)(source.planText));
        const plan = { ok: true, analyzed, exitCode: analyzed.summary.hasChanges ? 2 : 0, planJsonPath: source.planJson };
        if (analyzed.text !== undefined)
            plan.planTextPath = writeScrubbedText(outputDir(inputs), analyzed.text);
        return plan;
    }
    const run = await runTerraform(options, exec);
    if (!run.ok)
        return run;
    const dir = outputDir(inputs);
    // The JSON keeps sensitive values in clear text, as `terraform show -json` does: it stays in RUNNER_TEMP.
    const planJsonPath = (0,external_node_path_.join)(dir, 'plan.json');
    (0,external_node_fs_.writeFileSync)(planJsonPath, run.json, { mode: 0o600 });
    const analyzed = analyzePlan(Buffer.from(run.json, 'utf8'), Buffer.from(run.text, 'utf8'));
    const plan = { ok: true, analyzed, exitCode: run.exitCode, planFile: run.planFile, planJsonPath };
    if (analyzed.text !== undefined)
        plan.planTextPath = writeScrubbedText(dir, analyzed.text);
    return plan;
}
/** The full plan text, scrubbed: safe to upload as an artifact; the comment points to it. */
function writeScrubbedText(dir, text) {
    const path = (0,external_node_path_.join)(dir, 'plan.txt');
    (0,external_node_fs_.writeFileSync)(path, text);
    return path;
}

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/errors.js
var errors = __webpack_require__(7135);
;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/sticky-comment.js

async function ownComments(client, ref, marker, login) {
    const comments = await client.paginate(client.rest.issues.listComments, {
        owner: ref.owner,
        repo: ref.repo,
        issue_number: ref.issueNumber,
        per_page: 100,
    });
    return comments
        .filter((comment) => comment.user?.login === login && (comment.body ?? '').includes(marker))
        .sort((a, b) => a.id - b.id)
        .map((comment) => ({ id: comment.id, url: comment.html_url, body: comment.body ?? '' }));
}
/** The oldest comment of ours with this marker, as apply reads the reviewed plan from it. */
async function findStickyComment(client, ref, marker, login) {
    return (await ownComments(client, ref, marker, login))[0];
}
async function write(client, ref, existing, body) {
    if (existing) {
        const { data } = await client.rest.issues.updateComment({ owner: ref.owner, repo: ref.repo, comment_id: existing.id, body });
        return { id: data.id, url: data.html_url, body };
    }
    const { data } = await client.rest.issues.createComment({ owner: ref.owner, repo: ref.repo, issue_number: ref.issueNumber, body });
    return { id: data.id, url: data.html_url, body };
}
/**
 * Creates or updates the comment. Two runs racing on one pull request may both find nothing and
 * both create; so after writing, the list is read again and every newer copy of ours is deleted,
 * keeping the oldest, which then gets this run's body. Whichever run writes last wins the content;
 * exactly one comment remains either way.
 */
async function upsertStickyComment(client, ref, marker, login, body) {
    const existing = (await ownComments(client, ref, marker, login))[0];
    if (existing && existing.body === body)
        return { ...existing, action: 'unchanged', removedDuplicates: 0 };
    const written = await write(client, ref, existing, body);
    const after = await ownComments(client, ref, marker, login);
    const keep = after[0] ?? written;
    let removed = 0;
    for (const duplicate of after.slice(1)) {
        try {
            await client.rest.issues.deleteComment({ owner: ref.owner, repo: ref.repo, comment_id: duplicate.id });
            removed += 1;
        }
        catch (error) {
            // The racing run deleted it first.
            if (httpStatus(error) !== 404)
                throw error;
        }
    }
    if (keep.id !== written.id) {
        const kept = await write(client, ref, keep, body);
        return { ...kept, action: 'updated', removedDuplicates: removed };
    }
    return { ...written, action: existing ? 'updated' : 'created', removedDuplicates: removed };
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/publish.js



const READ_ONLY_HINT = 'the token is read-only (a pull request from a fork gets a read-only GITHUB_TOKEN, or the job lacks `permissions: pull-requests: write`). The plan is in the job summary';
async function publishComment(client, ref, marker, body, log) {
    try {
        const login = await tokenLogin(client);
        const result = await upsertStickyComment(client, ref, marker, login, body);
        const duplicates = result.removedDuplicates > 0
            ? ` (removed ${result.removedDuplicates} duplicate${result.removedDuplicates === 1 ? '' : 's'} from a concurrent run)`
            : '';
        log.info(`Plan comment ${result.action} on pull request #${ref.issueNumber}: ${result.url}${duplicates}`);
        return { id: result.id, url: result.url };
    }
    catch (error) {
        if (isReadOnlyTokenError(error)) {
            log.warning(`Could not comment on pull request #${ref.issueNumber}: ${READ_ONLY_HINT}.`);
            return undefined;
        }
        throw (0,errors/* withContext */.eQ)(`could not write the plan comment on pull request #${ref.issueNumber} of ${ref.owner}/${ref.repo}`, error);
    }
}
const LABELS = { noChanges: 'terraform:no-changes', changes: 'terraform:changes', destroy: 'terraform:destroy' };
/** The labels this plan earns. */
function planLabels(summary) {
    if (!summary.hasChanges)
        return [LABELS.noChanges];
    return summary.counts.destroy > 0 ? [LABELS.changes, LABELS.destroy] : [LABELS.changes];
}
/**
 * Adds the plan's labels. A plan with changes also drops `terraform:no-changes`; the reverse is not
 * done, because another directory's plan on the same pull request may still have changes.
 */
async function publishLabels(client, ref, summary, log) {
    const labels = planLabels(summary);
    try {
        await addLabels(client, ref, labels);
        if (summary.hasChanges)
            await removeLabel(client, ref, LABELS.noChanges);
        log.info(`Labels on pull request #${ref.issueNumber}: ${labels.join(', ')}`);
    }
    catch (error) {
        if (isReadOnlyTokenError(error)) {
            log.warning(`Could not label pull request #${ref.issueNumber}: ${READ_ONLY_HINT}.`);
            return;
        }
        throw (0,errors/* withContext */.eQ)(`could not label pull request #${ref.issueNumber}`, error);
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/render-sections.js


/** The building blocks of the comment, each a self-contained piece of markdown. */
/** Text for HTML context (the `<summary>` of a collapsible section). */
function escapeHtml(text) {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/\r?\n/g, ' ');
}
function heading(identity) {
    const parts = [`### Terraform plan: ${(0,lib_summary/* inlineCode */.ti)(identity.workingDirectory)}`, `workspace ${(0,lib_summary/* inlineCode */.ti)(identity.workspace)}`];
    if (identity.commentKey !== '')
        parts.push(`key ${(0,lib_summary/* inlineCode */.ti)(identity.commentKey)}`);
    return parts.join(' · ');
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
/** One line that says what the plan does; Terraform's own `Plan:` wording first. */
function verdictLine(summary) {
    const { counts } = summary;
    if (summary.errored)
        return '❌ **The plan errored**: it is incomplete and cannot be applied. The errors are in the job log.';
    if (!summary.hasChanges)
        return '✅ **No changes.** The infrastructure matches the configuration.';
    const extras = [
        counts.replace > 0 ? `${counts.replace} replaced` : '',
        counts.import > 0 ? `${counts.import} to import` : '',
        counts.move > 0 ? `${counts.move} moved` : '',
        counts.forget > 0 ? `${counts.forget} to forget` : '',
        counts.read > 0 ? `${counts.read} to read` : '',
        counts.outputs > 0 ? `${plural(counts.outputs, 'output')} changed` : '',
    ].filter((part) => part !== '');
    const icon = counts.destroy > 0 ? '⚠️' : '📝';
    const notes = [
        !summary.complete ? ' The plan is incomplete (deferred changes): apply, then plan again.' : '',
        !summary.applyable ? ' Terraform marked this plan as not applyable.' : '',
    ].join('');
    return `${icon} **Plan: ${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy.**${extras.length > 0 ? ` (${extras.join(', ')})` : ''}${notes}`;
}
function countsTable(counts) {
    const columns = [
        ['Add', counts.add],
        ['Change', counts.change],
        ['Destroy', counts.destroy],
        ['Replace', counts.replace],
        ['Import', counts.import],
        ['Move', counts.move],
        ['Forget', counts.forget],
        ['Read', counts.read],
        ['Outputs', counts.outputs],
        ['Drift', counts.drift],
    ];
    return (0,lib_summary/* markdownTable */.Qj)(columns.map(([name]) => name), [columns.map(([, count]) => String(count))]);
}
/** How an address is named in lists: with its plan number when several plans were read. */
function label(resource, planCount) {
    return `${planCount > 1 ? `plan ${resource.plan + 1}: ` : ''}${resource.address}`;
}
function tags(resource) {
    const parts = [];
    if (resource.replaceOrder)
        parts.push(resource.replaceOrder === 'create-first' ? 'create before destroy' : 'destroy before create');
    if (resource.importing)
        parts.push('import');
    if (resource.movedFrom !== undefined)
        parts.push(`moved from ${(0,lib_summary/* inlineCode */.ti)(resource.movedFrom)}`);
    if (resource.resource.deposed !== undefined)
        parts.push(`deposed object ${(0,lib_summary/* inlineCode */.ti)(resource.resource.deposed)}`);
    if (resource.reason !== undefined)
        parts.push((0,lib_summary/* inlineCode */.ti)(resource.reason));
    return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
const GROUPS = [
    ['replace', 'Replace'],
    ['delete', 'Destroy'],
    ['create', 'Create'],
    ['update', 'Update in place'],
    ['forget', 'Forget (remove from state, keep the object)'],
    ['read', 'Read (data sources)'],
];
/** Resources by action; imports and moves that change nothing get groups of their own. */
function groupResources(resources) {
    const groups = GROUPS.map(([kind, title]) => ({ title, resources: resources.filter((resource) => resource.kind === kind) }));
    const noOps = resources.filter((resource) => resource.kind === 'no-op');
    groups.push({ title: 'Import (no changes)', resources: noOps.filter((resource) => resource.importing) });
    groups.push({ title: 'Move (no changes)', resources: noOps.filter((resource) => !resource.importing) });
    return groups.filter((group) => group.resources.length > 0);
}
function addressList(resources, planCount, style) {
    if (style.kind === 'bullets')
        return resources.map((resource) => `- ${(0,lib_summary/* inlineCode */.ti)(label(resource, planCount))}${tags(resource)}`).join('\n');
    const shown = resources.slice(0, style.limit).map((resource) => (0,lib_summary/* inlineCode */.ti)(label(resource, planCount)));
    const rest = resources.length - shown.length;
    return `${shown.join(', ')}${rest > 0 ? `${shown.length > 0 ? ', ' : ''}… and ${rest} more (see the full plan)` : ''}`;
}
/** Destroys and replacements, at the top, as a GitHub alert. */
function warnings(summary, style) {
    const destroys = summary.resources.filter((resource) => resource.kind === 'delete');
    const replaces = summary.resources.filter((resource) => resource.kind === 'replace');
    if (destroys.length === 0 && replaces.length === 0)
        return '';
    const lines = ['> [!CAUTION]'];
    for (const [list, what] of [
        [destroys, 'will be destroyed'],
        [replaces, 'will be replaced (destroyed and created again)'],
    ]) {
        if (list.length === 0)
            continue;
        // A blank quoted line ends the previous list, so the next title does not run into it.
        if (lines.length > 1)
            lines.push('>');
        lines.push(`> **${plural(list.length, 'resource')} ${what}:**`, '>');
        lines.push(...addressList(list, summary.planCount, style)
            .split('\n')
            .map((line) => `> ${line}`));
    }
    return lines.join('\n');
}
function resourceList(summary, style) {
    return groupResources(summary.resources)
        .map((group) => `**${group.title} (${group.resources.length})**\n${style.kind === 'bullets' ? '\n' : ''}${addressList(group.resources, summary.planCount, style)}`)
        .join('\n\n');
}
function outputList(summary) {
    if (summary.outputs.length === 0)
        return '';
    const lines = summary.outputs.map((output) => {
        const value = output.change.afterSensitive === true
            ? SENSITIVE_PLACEHOLDER
            : (JSON.stringify(redactValue(output.change.after, output.change.afterSensitive)) ?? 'null');
        const shown = output.change.afterUnknown === true ? '(known after apply)' : value.length > 200 ? `${value.slice(0, 200)}…` : value;
        return `- ${(0,lib_summary/* inlineCode */.ti)(output.name)}: ${output.kind}${output.kind === 'delete' ? '' : ` → ${(0,lib_summary/* inlineCode */.ti)(shown)}`}`;
    });
    return `**Output changes (${summary.outputs.length})**\n\n${lines.join('\n')}`;
}
function driftList(summary, style) {
    if (summary.drift.length === 0)
        return '';
    const items = style.kind === 'bullets'
        ? summary.drift
            .map((resource) => `- ${(0,lib_summary/* inlineCode */.ti)(label(resource, summary.planCount))}: ${resource.kind === 'delete' ? 'deleted' : 'changed'} outside Terraform`)
            .join('\n')
        : addressList(summary.drift, summary.planCount, style);
    return `**Changed outside Terraform (${summary.drift.length})**\n\n${items}`;
}
/** One resource's diff, collapsed. Self-contained: cutting between two of these never splits a fence. */
function diffSection(resource, planCount, diff) {
    const title = `<code>${escapeHtml(label(resource, planCount))}</code> · ${escapeHtml(resource.kind)}`;
    return `<details><summary>${title}</summary>\n\n${(0,lib_summary/* codeBlock */.DV)(diff, 'diff')}\n\n</details>`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/value-diff.js

/**
 * A Terraform-like diff of one resource built from the JSON plan, for read mode without plan text.
 * Top-level attributes only: enough to see what changes, never a sensitive value (everything passes
 * through `redactValue` first), and short enough to list thousands of resources.
 */
const UNKNOWN = '(known after apply)';
const MAX_VALUE_LENGTH = 300;
function value_diff_isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function maskAt(mask, key) {
    if (typeof mask === 'boolean')
        return mask;
    if (Array.isArray(mask))
        return false;
    return mask[key] ?? false;
}
function show(value) {
    const text = JSON.stringify(value) ?? 'null';
    return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH)}…` : text;
}
const HEADERS = {
    create: 'will be created',
    update: 'will be updated in-place',
    delete: 'will be destroyed',
    replace: 'must be replaced',
    read: 'will be read during apply',
    forget: 'will be removed from state (forgotten), but not destroyed',
    'no-op': 'will be imported or moved without changes',
};
function jsonResourceDiff(resource) {
    const { change } = resource.resource;
    const before = redactValue(change.before, change.beforeSensitive);
    const after = redactValue(change.after, change.afterSensitive);
    const beforeObject = value_diff_isRecord(before) ? before : {};
    const afterObject = value_diff_isRecord(after) ? after : {};
    const lines = [`  # ${resource.address} ${HEADERS[resource.kind] ?? 'changes'}`];
    if (resource.movedFrom !== undefined)
        lines.push(`  # (moved from ${resource.movedFrom})`);
    if (resource.importing)
        lines.push('  # (imported)');
    const keys = [...new Set([...Object.keys(beforeObject), ...Object.keys(afterObject)])].sort();
    for (const key of keys) {
        const unknown = maskAt(change.afterUnknown, key) !== false && !(key in afterObject && afterObject[key] !== null);
        const old = beforeObject[key] ?? null;
        const next = unknown ? UNKNOWN : (afterObject[key] ?? null);
        const nextText = unknown ? UNKNOWN : show(next);
        if (resource.kind === 'delete' || resource.kind === 'forget') {
            if (old !== null)
                lines.push(`-     ${key} = ${show(old)}`);
        }
        else if (old === null && next !== null) {
            lines.push(`+     ${key} = ${nextText}`);
        }
        else if (old !== null && next === null) {
            lines.push(`-     ${key} = ${show(old)} -> null`);
        }
        else if (unknown || show(old) !== show(next)) {
            lines.push(`!     ${key} = ${show(old)} -> ${nextText}`);
        }
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/render-comment.js





/** GitHub rejects an issue or PR comment longer than this many characters. */
const COMMENT_LIMIT_CHARS = 65_536;
const commentLimit = { limit: COMMENT_LIMIT_CHARS, measure: (text) => text.length };
const LIST_STYLES = [
    { kind: 'bullets' },
    { kind: 'inline', limit: Number.POSITIVE_INFINITY },
    { kind: 'inline', limit: 200 },
    { kind: 'inline', limit: 20 },
];
/** Everything above the diffs, in the most detailed list style that leaves room for the footer. */
function head(report, size, footerRoom) {
    const { summary } = report;
    const fixed = [markerLine(report.identity), recordLine(report.record), heading(report.identity), verdictLine(summary)];
    if (!summary.hasChanges && summary.drift.length === 0)
        return fixed.join('\n');
    let candidate = '';
    for (const style of LIST_STYLES) {
        const parts = [
            ...fixed.slice(0, 3),
            `${fixed[3]}\n\n${countsTable(summary.counts)}`,
            warnings(summary, style),
            resourceList(summary, style),
            outputList(summary),
            driftList(summary, style),
        ];
        candidate = parts.filter((part) => part !== '').join('\n\n');
        if (size.measure(candidate) + footerRoom <= size.limit)
            return candidate;
    }
    return candidate;
}
function diffFor(report, resource) {
    const block = report.summary.planCount === 1 ? report.textBlocks.get(resource.address) : undefined;
    return toDiffLines(block ?? jsonResourceDiff(resource));
}
/**
 * The PR comment (or step summary) for a plan. When the whole rendering does not fit the limit, the
 * verdict, counts and resource list stay, and the diffs stop at a resource boundary with a note
 * saying where the full plan is. Each diff section is whole or absent, so no fence is ever cut.
 */
function renderPlan(report, size = commentLimit) {
    const { summary } = report;
    const total = summary.resources.length;
    const fullFooter = `_Full plan: ${report.fullPlanLocation}._`;
    const cutFooter = (shown) => `_Diffs cut after ${shown} of ${total} resources to fit the size limit. Full plan: ${report.fullPlanLocation}._`;
    const diffHeading = '#### Diff';
    // Room for the separators, the diff heading and the longest footer.
    const footerRoom = size.measure(cutFooter(total)) + size.measure(diffHeading) + 6;
    const top = head(report, size, footerRoom);
    if (!summary.hasChanges)
        return summary.drift.length > 0 ? `${top}\n\n${fullFooter}` : top;
    const sections = [];
    let used = size.measure(top) + 2 + footerRoom;
    for (const resource of summary.resources) {
        const section = diffSection(resource, summary.planCount, diffFor(report, resource));
        const cost = size.measure(section) + 2;
        if (used + cost > size.limit)
            break;
        sections.push(section);
        used += cost;
    }
    const assemble = () => {
        const footer = sections.length === total ? fullFooter : cutFooter(sections.length);
        return [top, sections.length > 0 ? diffHeading : '', ...sections, footer].filter((part) => part !== '').join('\n\n');
    };
    let rendered = assemble();
    // Belt and braces: should the estimate above be off, drop whole sections until it fits.
    while (size.measure(rendered) > size.limit && sections.length > 0) {
        sections.pop();
        rendered = assemble();
    }
    return rendered;
}
/** A failed run: its error output, cut at a line so that the fence stays closed. */
function renderFailure(report, size = commentLimit) {
    const top = [markerLine(report.identity), heading(report.identity), '❌ **The plan failed.** Terraform said:'].join('\n');
    const footer = `_Full output: ${report.fullPlanLocation}._`;
    let text = report.errorText === '' ? '(no error output)' : report.errorText;
    let block = (0,lib_summary/* codeBlock */.DV)(text);
    const room = size.limit - size.measure(`${top}\n\n\n\n${footer}`) - 64;
    while (size.measure(block) > room && text.length > 0) {
        const lines = text.split('\n');
        text = lines.slice(0, Math.max(0, Math.floor(lines.length * 0.8))).join('\n');
        block = (0,lib_summary/* codeBlock */.DV)(`${text}\n… (cut)`);
    }
    return `${top}\n\n${block}\n\n${footer}`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/reviewed-plan.js




/** Apply refuses: the plan made now is not the plan that was reviewed, or none was found. */
class UnreviewedPlanError extends Error {
    name = 'UnreviewedPlanError';
}
async function findPullRequest(client, lookup) {
    if (lookup.pullRequestNumber !== undefined)
        return lookup.pullRequestNumber;
    const numbers = await pullRequestsForCommit(client, lookup.owner, lookup.repo, lookup.sha);
    const [first] = numbers;
    if (first === undefined) {
        throw new UnreviewedPlanError(`no pull request contains commit ${lookup.sha}, so there is no reviewed plan to compare with: pass pull-request-number, or set require-reviewed-plan: false`);
    }
    return first;
}
/** The review record of the pull request's sticky comment for this directory and workspace. */
async function findReviewedPlan(client, lookup) {
    const pullRequest = await findPullRequest(client, lookup);
    const login = await tokenLogin(client);
    const comment = await findStickyComment(client, { owner: lookup.owner, repo: lookup.repo, issueNumber: pullRequest }, lookup.marker, login);
    if (!comment) {
        throw new UnreviewedPlanError(`pull request #${pullRequest} has no plan comment for ${lookup.description}: run terraform-plan on the pull request first (same working-directory, workspace and comment-key)`);
    }
    const record = parseRecord(comment.body);
    if (!record)
        throw new UnreviewedPlanError(`the plan comment on pull request #${pullRequest} (${comment.url}) carries no plan checksum: it was written for a failed plan, or edited`);
    return { pullRequest, record };
}
function countsLine(counts) {
    return `${counts.add} to add, ${counts.change} to change, ${counts.destroy} to destroy`;
}
function names(list) {
    const shown = list.slice(0, 10).join(', ');
    return list.length > 10 ? `${shown} and ${list.length - 10} more` : shown;
}
/** A short account of how the current plan differs from the reviewed one. */
function describeDifference(reviewed, current) {
    const parts = [`reviewed: ${countsLine(reviewed.counts)}; now: ${countsLine(current.counts)}`];
    if (reviewed.digests && current.digests) {
        const difference = compareDigests(reviewed.digests, current.digests);
        if (difference.added.length > 0)
            parts.push(`new: ${names(difference.added)}`);
        if (difference.removed.length > 0)
            parts.push(`no longer planned: ${names(difference.removed)}`);
        if (difference.changed.length > 0)
            parts.push(`changed: ${names(difference.changed)}`);
        if (parts.length === 1)
            parts.push('the output changes differ');
    }
    return parts.join('; ');
}
/** Throws unless the current plan's checksum is the reviewed one. */
function assertSamePlan(pullRequest, reviewed, current) {
    if (reviewed.checksum === current.checksum)
        return;
    throw new UnreviewedPlanError(`the plan differs from the one reviewed on pull request #${pullRequest} (${reviewed.checksum.slice(0, 19)}… vs ${current.checksum.slice(0, 19)}…): ${describeDifference(reviewed, current)}. Nothing was applied; plan the pull request again and have it reviewed`);
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/terraform-plan/run.js











const summaryLimit = { limit: lib_summary/* STEP_SUMMARY_LIMIT_BYTES */.Wm - 1024, measure: (text) => Buffer.byteLength(text, 'utf8') };
function identityOf(inputs) {
    return {
        workflow: inputs.context.workflow,
        workingDirectory: inputs.workingDirectoryLabel,
        workspace: inputs.workspace,
        commentKey: inputs.commentKey,
    };
}
function recordOf(analyzed) {
    return { checksum: analyzed.checksum, counts: analyzed.summary.counts, digests: analyzed.digests };
}
function pullRequest(inputs) {
    const issueNumber = inputs.pullRequestNumber ?? inputs.context.pullRequestNumber;
    return issueNumber === undefined ? undefined : { owner: inputs.context.owner, repo: inputs.context.repo, issueNumber };
}
function githubClient(inputs, deps) {
    const token = inputs.githubToken ?? '';
    const create = deps.createGithub ?? ((value, apiUrl) => createGithubClient({ token: value, apiUrl, warn: deps.warning }));
    return create(token, inputs.context.apiUrl);
}
function where(inputs) {
    const run = inputs.context.runUrl ? `the job summary of [this run](${inputs.context.runUrl})` : 'the job summary of this run';
    return `${run}, and the plan text file of the step (\`plan.txt\` next to the \`plan-json\` output, for upload as an artifact)`;
}
function setPlanOutputs(deps, analyzed, extra) {
    const { counts, hasChanges } = analyzed.summary;
    const outputs = {
        'has-changes': String(hasChanges),
        add: String(counts.add),
        change: String(counts.change),
        destroy: String(counts.destroy),
        replace: String(counts.replace),
        import: String(counts.import),
        move: String(counts.move),
        'plan-checksum': analyzed.checksum,
        ...extra,
    };
    for (const [name, value] of Object.entries(outputs))
        deps.setOutput(name, value);
}
/** Which destroys `fail-on-destroy` forbids. */
function forbiddenDestroys(inputs, analyzed) {
    if (inputs.failOnDestroy === false)
        return [];
    const types = inputs.failOnDestroy;
    return analyzed.summary.resources
        .filter((resource) => resource.kind === 'delete' || resource.kind === 'replace')
        .filter((resource) => types === true || types.includes(resource.resource.type))
        .map((resource) => resource.address);
}
async function runTerraformPlan(inputs, deps) {
    const identity = identityOf(inputs);
    const marker = markerLine(identity);
    const ref = pullRequest(inputs);
    const description = `${inputs.workingDirectoryLabel} (workspace ${inputs.workspace}${inputs.commentKey ? `, key ${inputs.commentKey}` : ''})`;
    const plan = await obtainPlan(inputs, deps.exec);
    if (!plan.ok) {
        deps.info((0,secrets/* redactSecrets */.f)(plan.output));
        const errorText = (0,secrets/* redactSecrets */.f)(errorOutput(plan.output));
        deps.setOutput('exit-code', String(plan.exitCode));
        deps.setOutput('has-changes', 'false');
        const failure = { identity, errorText, fullPlanLocation: 'the job log of this run' };
        await deps.writeSummary(renderFailure(failure, summaryLimit));
        if (inputs.mode === 'plan' && inputs.comment && ref) {
            const comment = await publishComment(githubClient(inputs, deps), ref, marker, renderFailure(failure), deps);
            if (comment) {
                deps.setOutput('comment-id', String(comment.id));
                deps.setOutput('comment-url', comment.url);
            }
        }
        const first = /Error: .*/.exec(errorText)?.[0] ?? `exit code ${plan.exitCode}`;
        throw new Error(`terraform ${plan.stage} failed in ${inputs.workingDirectoryLabel}: ${first}`);
    }
    const { analyzed } = plan;
    if (analyzed.text !== undefined)
        deps.info((0,secrets/* redactSecrets */.f)(analyzed.text));
    setPlanOutputs(deps, analyzed, {
        'exit-code': String(plan.exitCode),
        'plan-json': plan.planJsonPath,
        'plan-file': plan.planFile ?? '',
    });
    const report = {
        identity,
        summary: analyzed.summary,
        record: recordOf(analyzed),
        textBlocks: analyzed.textBlocks,
        fullPlanLocation: where(inputs),
    };
    // Last line of defence: whatever rendering missed, no sensitive or masked value leaves the step.
    const safe = (markdown) => (0,secrets/* redactSecrets */.f)(scrubText(markdown, analyzed.secrets));
    await deps.writeSummary(safe(renderPlan({ ...report, fullPlanLocation: 'the plan text file of the step (`plan.txt` next to the `plan-json` output)' }, summaryLimit)));
    deps.info(`Plan for ${description}: ${analyzed.summary.counts.add} to add, ${analyzed.summary.counts.change} to change, ${analyzed.summary.counts.destroy} to destroy (${analyzed.checksum})`);
    if (inputs.mode === 'apply') {
        await applyReviewed(inputs, deps, analyzed, plan.planFile, { marker, description, current: report.record });
        return;
    }
    if (inputs.comment || inputs.addLabels) {
        if (!ref) {
            deps.info('Not a pull request run: no comment or labels (the plan is in the job summary).');
        }
        else {
            const client = githubClient(inputs, deps);
            if (inputs.comment) {
                const comment = await publishComment(client, ref, marker, safe(renderPlan(report)), deps);
                if (comment) {
                    deps.setOutput('comment-id', String(comment.id));
                    deps.setOutput('comment-url', comment.url);
                }
            }
            if (inputs.addLabels)
                await publishLabels(client, ref, analyzed.summary, deps);
        }
    }
    const forbidden = forbiddenDestroys(inputs, analyzed);
    if (forbidden.length > 0) {
        const shown = forbidden.slice(0, 10).join(', ');
        throw new Error(`the plan destroys ${forbidden.length} resource${forbidden.length === 1 ? '' : 's'} that fail-on-destroy forbids: ${shown}${forbidden.length > 10 ? ', …' : ''}`);
    }
}
async function applyReviewed(inputs, deps, analyzed, planFile, review) {
    const options = terraformOptions(inputs);
    if (!options || planFile === undefined)
        throw new Error('mode: apply needs run mode (a plan made by this step)');
    if (inputs.requireReviewedPlan) {
        const lookup = {
            owner: inputs.context.owner,
            repo: inputs.context.repo,
            sha: inputs.context.sha,
            marker: review.marker,
            description: review.description,
        };
        const found = await findReviewedPlan(githubClient(inputs, deps), inputs.pullRequestNumber === undefined ? lookup : { ...lookup, pullRequestNumber: inputs.pullRequestNumber });
        assertSamePlan(found.pullRequest, found.record, review.current);
        deps.info(`The plan matches the one reviewed on pull request #${found.pullRequest} (${analyzed.checksum}).`);
    }
    else {
        deps.warning('require-reviewed-plan is false: applying a plan that was not compared with a reviewed one.');
    }
    if (!analyzed.summary.hasChanges) {
        deps.info('No changes: nothing to apply.');
        return;
    }
    await applyPlanFile(options, planFile, deps.exec);
    deps.info(`Applied ${planFile}.`);
}


/***/ })

};
