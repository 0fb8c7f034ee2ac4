export const id = 483;
export const ids = [483];
export const modules = {

/***/ 6483:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   createEcsClient: () => (/* binding */ createEcsClient),
/* harmony export */   fetchTaskDefinition: () => (/* binding */ fetchTaskDefinition)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(212);
/* harmony import */ var _lib_aws_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6479);
/* harmony import */ var _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7135);
/* harmony import */ var _load_source_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6745);




/**
 * Fetches a registered task definition with its tags. Imported lazily (action-deps.ts) so rendering
 * a file never loads the AWS SDK (cold start).
 */
function createEcsClient(region) {
    return (0,_lib_aws_js__WEBPACK_IMPORTED_MODULE_0__/* .createAwsClient */ .nV)(_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .ECSClient */ .Zgc, { region });
}
async function fetchTaskDefinition(client, source) {
    let response;
    try {
        response = await client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_3__/* .DescribeTaskDefinitionCommand */ .Zy$({ taskDefinition: source.reference, include: ['TAGS'] }));
    }
    catch (error) {
        throw describeFailure(error, source);
    }
    // The SDK deserialises describe-only timestamps to Date objects; they are stripped later.
    return (0,_load_source_js__WEBPACK_IMPORTED_MODULE_2__/* .unwrapTaskDefinition */ .AO)({ taskDefinition: response.taskDefinition, tags: response.tags ?? [] }, source.input, `task definition '${source.reference}'`);
}
function describeFailure(error, source) {
    const name = error instanceof Error ? error.name : '';
    const target = `task definition '${source.reference}' in ${source.region}`;
    // ECS answers an unknown family or revision with ClientException "Unable to describe task definition."
    if (name === 'ClientException' || name === 'InvalidParameterException') {
        const detail = error instanceof Error ? ` (${error.message})` : '';
        return new _lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .NotFoundError */ .m_(`Input '${source.input}': ${target} was not found${detail}. Check the family, revision and region`);
    }
    const hint = name === 'AccessDeniedException' ? '; the role needs ecs:DescribeTaskDefinition' : '';
    return (0,_lib_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .withContext */ .eQ)(`Input '${source.input}': failed to describe ${target}${hint}`, error);
}


/***/ }),

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


/***/ })

};
