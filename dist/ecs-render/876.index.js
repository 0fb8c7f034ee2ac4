export const id = 876;
export const ids = [876];
export const modules = {

/***/ 6745:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AO: () => (/* binding */ unwrapTaskDefinition),
/* harmony export */   BD: () => (/* binding */ readTaskDefinitionFile),
/* harmony export */   kE: () => (/* binding */ mergeTags)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7135);
/* harmony import */ var _lib_inputs_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(7841);
/* harmony import */ var _task_definition_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(4234);





/**
 * Reads a task definition file. A `.json` file must be JSON (a template that only YAML would
 * accept is a mistake, not YAML); `.yaml`/`.yml` and other names may be either.
 */
function readTaskDefinitionFile(path, display) {
    const text = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
    const document = (0,_lib_inputs_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDocument */ .Tp)('task-definition', text, (0,node_path__WEBPACK_IMPORTED_MODULE_1__.extname)(path).toLowerCase() !== '.json', `file '${display}'`);
    return unwrapTaskDefinition(document, 'task-definition', `file '${display}'`);
}
/**
 * Accepts a task definition, or the describe/register response shape that wraps one. Recognises
 * the documents people mistake for task definitions and says what is wrong with them.
 */
function unwrapTaskDefinition(document, input, where) {
    if (Array.isArray(document)) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${where} holds a list (a container_definitions array?), not a task definition`, 'Wrap it: {"family": "<name>", "containerDefinitions": [ … ]}');
    }
    if (!(0,_task_definition_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u)(document))
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${where} does not hold a JSON object`, 'Give a task definition: {"family": …, "containerDefinitions": […]}');
    if ('taskDefinition' in document) {
        const inner = document.taskDefinition;
        if (!(0,_task_definition_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u)(inner))
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${where}: 'taskDefinition' is not an object`, 'Give the output of aws ecs describe-task-definition, or the task definition itself');
        return document.tags === undefined ? { definition: inner } : { definition: inner, tags: document.tags };
    }
    if (!('containerDefinitions' in document) && ('image' in document || 'essential' in document || 'portMappings' in document)) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, `${where} holds a single container definition, not a task definition`, 'Put it in a task definition: {"family": "<name>", "containerDefinitions": [ <this object> ]}');
    }
    return { definition: document };
}
/** Moves describe-shape tags into the definition, where RegisterTaskDefinition takes them. */
function mergeTags(raw, input) {
    if (raw.tags === undefined || (Array.isArray(raw.tags) && raw.tags.length === 0))
        return raw.definition;
    if (!Array.isArray(raw.tags))
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, "'tags' beside 'taskDefinition' is not a list", 'Give tags as [{"key": …, "value": …}]');
    if (raw.definition.tags !== undefined) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .InputError */ .dz(input, "has tags both inside and beside 'taskDefinition'", 'Keep one list of tags');
    }
    return { ...raw.definition, tags: raw.tags };
}


/***/ }),

/***/ 3876:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runEcsRender: () => (/* binding */ runEcsRender)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/errors.js
var errors = __webpack_require__(7135);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-render/apply-overrides.js

/** Applies the inputs to a copy of the definition. Nothing in the values is expanded: `${ECS_CLUSTER}` stays as written. */
function applyOverrides(original, inputs) {
    const definition = structuredClone(original);
    const changes = new Map();
    const changeOf = (container) => {
        const name = container.name ?? '';
        let change = changes.get(name);
        if (!change) {
            change = { container: name, environment: noChanges(), secrets: noChanges(), fields: [] };
            changes.set(name, change);
        }
        return change;
    };
    for (const { container: name, image, input } of inputs.images) {
        // A wrong name is the mistake, so `image` failures name `container-name`.
        const container = findContainer(definition, name, input === 'image' ? 'container-name' : input);
        changeOf(container).image = { from: container.image, to: image };
        container.image = image;
    }
    if (inputs.containerName !== undefined && Object.values(inputs.container).some((value) => value !== undefined)) {
        const container = findContainer(definition, inputs.containerName, 'container-name');
        applyContainerSettings(container, inputs.container, changeOf(container));
    }
    const fields = [];
    for (const key of ['taskRoleArn', 'executionRoleArn', 'cpu', 'memory']) {
        const value = inputs[key];
        if (value !== undefined) {
            if (definition[key] !== value)
                fields.push(key);
            definition[key] = value;
        }
    }
    return { definition, changes: { containers: [...changes.values()], fields } };
}
function findContainer(definition, name, input) {
    const found = definition.containerDefinitions.find((container) => container.name === name);
    if (found)
        return found;
    const names = definition.containerDefinitions.map((container) => `'${container.name ?? '(unnamed)'}'`);
    throw new errors/* InputError */.dz(input, `the task definition has no container named '${name}'`, `Its containers are ${names.join(', ') || '(none)'}`);
}
function applyContainerSettings(container, settings, change) {
    if (settings.environment) {
        const result = mergeNamed(container.environment ?? [], settings.environment.entries, settings.environment.mode);
        container.environment = result.list;
        change.environment = result.changes;
    }
    if (settings.secrets) {
        const existing = (container.secrets ?? []).map(({ name, valueFrom }) => ({ name, value: valueFrom }));
        const result = mergeNamed(existing, settings.secrets.entries, settings.secrets.mode);
        container.secrets = result.list.map(({ name, value }) => ({ name, valueFrom: value ?? '' }));
        change.secrets = result.changes;
    }
    if (settings.logDriver !== undefined || settings.logOptions !== undefined) {
        const log = { ...container.logConfiguration };
        if (settings.logDriver !== undefined)
            log.logDriver = settings.logDriver;
        if (settings.logOptions !== undefined)
            log.options = { ...log.options, ...toRecord(settings.logOptions) };
        if (log.logDriver === undefined) {
            throw new errors/* InputError */.dz('log-configuration-options', `container '${container.name ?? ''}' has no log driver to take these options`, "Set 'log-configuration-log-driver' too");
        }
        container.logConfiguration = log;
        change.fields.push('logConfiguration');
    }
    if (settings.dockerLabels !== undefined) {
        container.dockerLabels = { ...container.dockerLabels, ...toRecord(settings.dockerLabels) };
        change.fields.push('dockerLabels');
    }
    if (settings.command !== undefined) {
        container.command = settings.command;
        change.fields.push('command');
    }
    if (settings.envFiles !== undefined) {
        // As in aws-actions: the given files replace the container's list.
        container.environmentFiles = settings.envFiles.map((value) => ({ value, type: 's3' }));
        change.fields.push('environmentFiles');
    }
}
/** Upsert keeps entries not given; replace drops them. Order: existing entries first, new ones after. */
function mergeNamed(existing, given, mode) {
    const changes = noChanges();
    const wanted = new Map(given.map(({ key, value }) => [key, value]));
    const list = [];
    for (const entry of existing) {
        const value = wanted.get(entry.name);
        if (value === undefined) {
            if (mode === 'replace')
                changes.removed.push(entry.name);
            else
                list.push(entry);
            continue;
        }
        if (value !== entry.value)
            changes.changed.push(entry.name);
        list.push({ name: entry.name, value });
        wanted.delete(entry.name);
    }
    for (const [name, value] of wanted) {
        changes.added.push(name);
        list.push({ name, value });
    }
    return { list, changes };
}
function noChanges() {
    return { added: [], changed: [], removed: [] };
}
function toRecord(entries) {
    return Object.fromEntries(entries.map(({ key, value }) => [key, value]));
}

// EXTERNAL MODULE: ./.build/scratch/js/src/ecs-render/load-source.js
var load_source = __webpack_require__(6745);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-render/register-keys.js
/**
 * What RegisterTaskDefinition accepts, and what only DescribeTaskDefinition returns. The lists are
 * written out (rather than read from the SDK) so rendering a file never loads the AWS SDK; a unit
 * test compares them with the SDK's own schemas (RegisterTaskDefinitionRequest$, ContainerDefinition$,
 * TaskDefinition$) and fails when they drift apart.
 * API reference: https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html
 */
const REGISTER_TASK_DEFINITION_KEYS = [
    'family',
    'containerDefinitions',
    'taskRoleArn',
    'executionRoleArn',
    'networkMode',
    'volumes',
    'placementConstraints',
    'requiresCompatibilities',
    'cpu',
    'memory',
    'tags',
    'pidMode',
    'ipcMode',
    'proxyConfiguration',
    'inferenceAccelerators',
    'ephemeralStorage',
    'runtimePlatform',
    'enableFaultInjection',
];
const CONTAINER_DEFINITION_KEYS = [
    'name',
    'image',
    'repositoryCredentials',
    'cpu',
    'memory',
    'memoryReservation',
    'links',
    'portMappings',
    'essential',
    'restartPolicy',
    'entryPoint',
    'command',
    'environment',
    'environmentFiles',
    'mountPoints',
    'volumesFrom',
    'linuxParameters',
    'secrets',
    'dependsOn',
    'startTimeout',
    'stopTimeout',
    'versionConsistency',
    'hostname',
    'user',
    'workingDirectory',
    'disableNetworking',
    'privileged',
    'readonlyRootFilesystem',
    'dnsServers',
    'dnsSearchDomains',
    'extraHosts',
    'dockerSecurityOptions',
    'interactive',
    'pseudoTerminal',
    'dockerLabels',
    'ulimits',
    'logConfiguration',
    'healthCheck',
    'systemControls',
    'resourceRequirements',
    'firelensConfiguration',
    'credentialSpecs',
];
/** Fields DescribeTaskDefinition returns that RegisterTaskDefinition rejects or ignores. */
const DESCRIBE_ONLY_KEYS = [
    'taskDefinitionArn',
    'revision',
    'status',
    'requiresAttributes',
    'compatibilities',
    'registeredAt',
    'registeredBy',
    'deregisteredAt',
    'deleteRequestedAt',
];
/** A copy without the describe-only fields, and the names of those that were there. */
function stripDescribeOnly(definition) {
    const stripped = {};
    const removed = [];
    for (const [key, value] of Object.entries(definition)) {
        if (DESCRIBE_ONLY_KEYS.includes(key))
            removed.push(key);
        else
            stripped[key] = value;
    }
    return { stripped, removed };
}
/** Keys the SDK would silently drop when registering, at the task level and in each container. */
function findUnknownKeys(definition) {
    const unknown = unknownIn(definition, REGISTER_TASK_DEFINITION_KEYS).map((found) => ({ ...found }));
    const containers = definition.containerDefinitions;
    if (Array.isArray(containers)) {
        containers.forEach((container, index) => {
            if (typeof container !== 'object' || container === null)
                return;
            const record = container;
            const name = typeof record.name === 'string' && record.name !== '' ? record.name : `#${index + 1}`;
            for (const found of unknownIn(record, CONTAINER_DEFINITION_KEYS))
                unknown.push({ ...found, container: name });
        });
    }
    return unknown;
}
function unknownIn(record, known) {
    return Object.keys(record)
        .filter((key) => !known.includes(key))
        .map((key) => {
        const suggestion = known.find((candidate) => candidate.toLowerCase() === key.toLowerCase());
        return suggestion ? { key, suggestion } : { key };
    });
}
function describeUnknownKeys(unknown) {
    const parts = unknown.map(({ key, container, suggestion }) => `'${key}' ${container === undefined ? 'at the task level' : `in container '${container}'`}${suggestion ? ` (did you mean '${suggestion}'?)` : ''}`);
    return `RegisterTaskDefinition does not know ${parts.join(', ')}; the AWS SDK drops unknown keys when registering, so fix or remove them`;
}

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/summary.js
var summary = __webpack_require__(9830);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-render/summary-markdown.js

/**
 * The job summary: per container the image (old → new) and the NAMES of environment variables and
 * secrets added, changed or removed. Values are never shown: env values can be sensitive too.
 */
function renderSummary(report) {
    const lines = [`### ecs-render: ${(0,summary/* escapeMarkdown */.FV)(report.family)}`, '', `Rendered from ${(0,summary/* inlineCode */.ti)(report.source)}.`, ''];
    const containers = report.changes.containers;
    if (containers.length === 0)
        lines.push('No container was changed.');
    else {
        lines.push((0,summary/* markdownTable */.Qj)(['container', 'image', 'environment', 'secrets', 'also set'], containers.map((change) => [
            (0,summary/* escapeMarkdown */.FV)(change.container),
            imageCell(change),
            namesCell(change.environment),
            namesCell(change.secrets),
            change.fields.map((field) => (0,summary/* inlineCode */.ti)(field)).join(', ') || '—',
        ])));
    }
    if (report.changes.fields.length > 0)
        lines.push('', `Task level: set ${report.changes.fields.map((field) => (0,summary/* inlineCode */.ti)(field)).join(', ')}.`);
    if (report.strippedFields.length > 0) {
        lines.push('', `Removed describe-only fields: ${report.strippedFields.map((field) => (0,summary/* inlineCode */.ti)(field)).join(', ')}.`);
    }
    if (report.unknownKeys.length > 0) {
        lines.push('', `⚠️ Keys RegisterTaskDefinition does not know (the AWS SDK would drop them): ${report.unknownKeys.map((key) => (0,summary/* escapeMarkdown */.FV)(key)).join(', ')}.`);
    }
    return `${lines.join('\n')}\n`;
}
function imageCell(change) {
    if (!change.image)
        return 'unchanged';
    const { from, to } = change.image;
    if (from === to)
        return `${(0,summary/* inlineCode */.ti)(to)} (unchanged)`;
    return `${from === undefined ? '(none)' : (0,summary/* inlineCode */.ti)(from)} → ${(0,summary/* inlineCode */.ti)(to)}`;
}
function namesCell(changes) {
    const parts = [
        ['added', changes.added],
        ['changed', changes.changed],
        ['removed', changes.removed],
    ]
        .filter(([, names]) => names.length > 0)
        .map(([label, names]) => `${label}: ${names.map((name) => (0,summary/* inlineCode */.ti)(name)).join(', ')}`);
    return parts.join('; ') || '—';
}

// EXTERNAL MODULE: ./.build/scratch/js/src/ecs-render/task-definition.js
var task_definition = __webpack_require__(4234);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecs-render/fargate-sizes.js
var fargate_sizes = __webpack_require__(9010);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecs-render/inputs.js + 2 modules
var inputs = __webpack_require__(929);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecs-render/references.js
var references = __webpack_require__(3749);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-render/validate.js




/**
 * Checks the rendered definition before it is written, for what RegisterTaskDefinition or the
 * first task start would reject. All problems are reported at once, as one error on one input.
 */
function validateTaskDefinition(definition, context) {
    const problems = [];
    const add = (text, value, input = context.sourceInput) => problems.push({
        input,
        text: value !== undefined && (0,references/* looksLikeTemplate */.mr)(value) ? `${text} (an unrendered template placeholder?)` : text,
    });
    const family = definition.family;
    if (family === undefined || family === '')
        add('family is missing');
    else if (!references/* ECS_NAME */.GK.test(family))
        add(`family '${family}' is not up to 255 letters, digits, hyphens and underscores`, family);
    for (const key of ['taskRoleArn', 'executionRoleArn']) {
        const value = definition[key];
        const problem = value === undefined ? undefined : (0,references/* roleReferenceProblem */.Rs)(value);
        if (problem)
            add(`${key} ${problem}`, value);
    }
    checkContainers(definition, add);
    checkFargate(definition, add, (text) => add(text, undefined, context.sizeInput ?? context.sourceInput));
    const first = problems[0];
    if (!first)
        return;
    const mine = problems.filter((problem) => problem.input === first.input).map((problem) => problem.text);
    throw new errors/* InputError */.dz(first.input, `the task definition is not valid: ${mine.join('; ')}`, 'Fix it (or render its template first) and run again');
}
function checkContainers(definition, add) {
    const containers = definition.containerDefinitions;
    if (containers.length === 0)
        add('containerDefinitions is empty; a task needs at least one container');
    else if (containers.every((container) => container.essential === false))
        add('no container is essential; mark at least one "essential": true');
    const seen = new Set();
    for (const [index, container] of containers.entries()) {
        const name = container.name;
        const label = name ? `container '${name}'` : `containerDefinitions[${index}]`;
        if (name === undefined || name === '')
            add(`${label} has no name`);
        else if (!references/* ECS_NAME */.GK.test(name))
            add(`${label}: name is not up to 255 letters, digits, hyphens and underscores`, name);
        else if (seen.has(name))
            add(`container name '${name}' is used twice`);
        if (name)
            seen.add(name);
        if (container.image === undefined || container.image === '')
            add(`${label} has no image`);
        else {
            const problem = (0,references/* imageProblem */.JC)(container.image);
            if (problem)
                add(`${label}: image ${problem}`, container.image);
        }
        checkSecrets(`${label} secrets`, container.secrets ?? [], add);
        checkLogConfiguration(label, container, add);
        if (definition.networkMode === 'awsvpc')
            checkAwsvpcPorts(label, container, add);
    }
}
function checkSecrets(where, secrets, add) {
    for (const secret of secrets) {
        if (secret.name === '')
            add(`${where}: a secret has no name`);
        const problem = (0,references/* secretSourceProblem */.no)(secret.valueFrom);
        if (problem)
            add(`${where} '${secret.name}': ${problem}`, secret.valueFrom);
    }
}
function checkLogConfiguration(label, container, add) {
    const log = container.logConfiguration;
    if (log === undefined)
        return;
    if (log.logDriver === undefined)
        add(`${label}: logConfiguration has no logDriver`);
    else if (!inputs/* LOG_DRIVERS */.T.includes(log.logDriver))
        add(`${label}: log driver '${log.logDriver}' is not one of ${inputs/* LOG_DRIVERS */.T.join(', ')}`);
    checkSecrets(`${label} logConfiguration.secretOptions`, log.secretOptions ?? [], add);
}
/** Under awsvpc a task has its own network interface, so ECS rejects a hostPort that differs from containerPort. */
function checkAwsvpcPorts(label, container, add) {
    for (const mapping of container.portMappings ?? []) {
        if (mapping.hostPort !== undefined && mapping.containerPort !== undefined && mapping.hostPort !== mapping.containerPort) {
            add(`${label}: hostPort ${mapping.hostPort} differs from containerPort ${mapping.containerPort}, which awsvpc does not allow (omit hostPort or make it equal)`);
        }
    }
}
function checkFargate(definition, add, addSize) {
    if (!(definition.requiresCompatibilities ?? []).includes('FARGATE'))
        return;
    if (definition.networkMode !== 'awsvpc')
        add(`Fargate tasks need networkMode awsvpc, not ${definition.networkMode ?? 'the default (bridge)'}`);
    if (definition.cpu === undefined || definition.memory === undefined) {
        addSize('Fargate tasks need task-level cpu and memory');
        return;
    }
    const cpu = (0,fargate_sizes/* parseCpuUnits */.TT)(definition.cpu);
    const memory = (0,fargate_sizes/* parseMemoryMib */.z1)(definition.memory);
    if (cpu === undefined)
        add(`cpu '${definition.cpu}' is not CPU units or "N vCPU"`, definition.cpu);
    if (memory === undefined)
        add(`memory '${definition.memory}' is not MiB or "N GB"`, definition.memory);
    if (cpu === undefined || memory === undefined)
        return;
    const windows = (definition.runtimePlatform?.operatingSystemFamily ?? '').startsWith('WINDOWS');
    const problem = (0,fargate_sizes/* fargateSizeProblem */.Ho)(cpu, memory, windows);
    if (problem)
        addSize(problem);
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecs-render/run.js








/** Source → strip describe-only fields → check → apply inputs → warn about unknown keys → validate → write. */
async function runEcsRender(inputs, deps) {
    const { source } = inputs;
    const raw = source.kind === 'file' ? (0,load_source/* readTaskDefinitionFile */.BD)(source.path, source.display) : await deps.fetchTaskDefinition(source);
    const sourceText = source.kind === 'file' ? source.display : source.reference;
    const { stripped, removed } = stripDescribeOnly((0,load_source/* mergeTags */.kE)(raw, source.input));
    const checked = (0,task_definition/* checkTaskDefinition */.T)(stripped, source.input, source.kind === 'file' ? `file '${source.display}'` : `task definition '${source.reference}'`);
    const { definition, changes } = applyOverrides(checked, inputs);
    const unknown = findUnknownKeys(definition);
    if (unknown.length > 0)
        deps.warning(describeUnknownKeys(unknown));
    const sizeInput = inputs.cpu !== undefined ? 'cpu' : inputs.memory !== undefined ? 'memory' : undefined;
    validateTaskDefinition(definition, { sourceInput: source.input, ...(sizeInput ? { sizeInput } : {}) });
    const path = writeRendered(definition, inputs.outputDir);
    deps.setOutput('task-definition', path);
    for (const change of changes.containers) {
        if (change.image)
            deps.info(`${change.container}: image ${change.image.from ?? '(none)'} → ${change.image.to}`);
    }
    deps.info(`Rendered task definition '${definition.family ?? ''}' with ${definition.containerDefinitions.length} container(s) to ${path}`);
    await deps.appendSummary(renderSummary({
        family: definition.family ?? '',
        source: sourceText,
        changes,
        strippedFields: removed,
        unknownKeys: unknown.map(({ key, container }) => (container === undefined ? key : `${container}.${key}`)),
    }));
    return { path, definition };
}
/** A fresh directory under RUNNER_TEMP per run, so the output can never overwrite the input or an earlier render. */
function writeRendered(definition, outputDir) {
    const directory = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(outputDir, 'ecs-render-'));
    const path = (0,external_node_path_.join)(directory, `${definition.family ?? 'task-definition'}.json`);
    (0,external_node_fs_.writeFileSync)(path, `${JSON.stringify(definition, null, 2)}\n`, { flag: 'wx' });
    return path;
}


/***/ }),

/***/ 4234:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   T: () => (/* binding */ checkTaskDefinition),
/* harmony export */   u: () => (/* binding */ isRecord)
/* harmony export */ });
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7135);

const isString = (value) => typeof value === 'string';
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const isRecord = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringMap = (value) => isRecord(value) && Object.values(value).every(isString);
const arrayOf = (item) => (value) => Array.isArray(value) && value.every(item);
const shape = (fields, required = []) => (value) => isRecord(value) &&
    required.every((key) => value[key] !== undefined) &&
    Object.entries(fields).every(([key, check]) => value[key] === undefined || check(value[key]));
const SECRET = shape({ name: isString, valueFrom: isString }, ['name', 'valueFrom']);
/** The typed fields of a container definition and what each must be. */
const CONTAINER_FIELDS = {
    name: [isString, 'a string'],
    image: [isString, 'a string'],
    essential: [(value) => typeof value === 'boolean', 'true or false'],
    command: [arrayOf(isString), 'a list of strings'],
    environment: [arrayOf(shape({ name: isString, value: isString }, ['name'])), 'a list of {"name", "value"} objects'],
    environmentFiles: [arrayOf(shape({ value: isString, type: isString }, ['value', 'type'])), 'a list of {"value", "type"} objects'],
    secrets: [arrayOf(SECRET), 'a list of {"name", "valueFrom"} objects'],
    dockerLabels: [isStringMap, 'an object of string values'],
    logConfiguration: [shape({ logDriver: isString, options: isStringMap, secretOptions: arrayOf(SECRET) }), 'a logConfiguration object'],
    portMappings: [arrayOf(shape({ containerPort: isNumber, hostPort: isNumber })), 'a list of port mappings with numeric ports'],
};
const TASK_FIELDS = {
    family: [isString, 'a string'],
    taskRoleArn: [isString, 'a string'],
    executionRoleArn: [isString, 'a string'],
    networkMode: [isString, 'a string'],
    requiresCompatibilities: [arrayOf(isString), 'a list of strings'],
    cpu: [isString, 'a string such as "256" (a number is not accepted by RegisterTaskDefinition)'],
    memory: [isString, 'a string such as "512" (a number is not accepted by RegisterTaskDefinition)'],
    runtimePlatform: [shape({ cpuArchitecture: isString, operatingSystemFamily: isString }), 'a runtimePlatform object'],
    tags: [arrayOf(shape({ key: isString, value: isString }, ['key'])), 'a list of {"key", "value"} objects'],
};
/**
 * Checks what ecs-render relies on and returns the value typed. `input` names where the definition
 * came from, so a malformed file fails as an error on that input.
 */
function checkTaskDefinition(value, input, where) {
    if (!isRecord(value))
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${where} is not a JSON object`, 'Give a task definition: {"family": …, "containerDefinitions": […]}');
    checkFields(value, TASK_FIELDS, input, where);
    const containers = value.containerDefinitions;
    if (!Array.isArray(containers)) {
        throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${where} has no containerDefinitions list`, 'A task definition needs "containerDefinitions": [ … ] with at least one container');
    }
    containers.forEach((container, index) => {
        const at = `${where}, containerDefinitions[${index}]`;
        if (!isRecord(container))
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${at} is not an object`, 'Each container definition is a JSON object');
        checkFields(container, CONTAINER_FIELDS, input, at);
    });
    // Every typed field was checked above; what remains is carried as unknown.
    return value;
}
function checkFields(record, fields, input, where) {
    for (const [key, [check, expected]] of Object.entries(fields)) {
        if (record[key] !== undefined && !check(record[key])) {
            throw new _lib_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${where}: '${key}' must be ${expected}`, 'Fix the task definition');
        }
    }
}


/***/ }),

/***/ 9830:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   FV: () => (/* binding */ escapeMarkdown),
/* harmony export */   I1: () => (/* binding */ appendJobSummary),
/* harmony export */   Qj: () => (/* binding */ markdownTable),
/* harmony export */   ti: () => (/* binding */ inlineCode)
/* harmony export */ });
/* unused harmony exports STEP_SUMMARY_LIMIT_BYTES, codeBlock, details, fitToBytes */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3218);

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
