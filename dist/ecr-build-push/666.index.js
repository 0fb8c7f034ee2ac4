export const id = 666;
export const ids = [666];
export const modules = {

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

/***/ 9666:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runEcrBuildPush: () => (/* binding */ runEcrBuildPush)
});

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/build-command.js
function buildxBuildArgs(plan) {
    const args = ['buildx', 'build'];
    if (plan.builder)
        args.push('--builder', plan.builder);
    if (plan.file)
        args.push('--file', plan.file);
    if (plan.target)
        args.push('--target', plan.target);
    args.push('--platform', plan.platforms.join(','));
    for (const tag of plan.tags)
        args.push('--tag', `${plan.imageName}:${tag}`);
    for (const label of plan.labels)
        args.push('--label', `${label.key}=${label.value}`);
    for (const arg of plan.buildArgs)
        args.push('--build-arg', `${arg.key}=${arg.value}`);
    for (const secret of plan.secretFiles)
        args.push('--secret', `id=${secret.id},src=${secret.path}`);
    for (const spec of plan.cacheFrom)
        args.push('--cache-from', spec);
    for (const spec of plan.cacheTo)
        args.push('--cache-to', spec);
    if (plan.noCache)
        args.push('--no-cache');
    if (plan.pull)
        args.push('--pull');
    // Always explicit: buildx's own defaults add attestations that turn a push into an index with
    // unknown/unknown entries, and its defaults have changed between versions.
    args.push('--provenance', plan.provenance === false ? 'false' : plan.provenance);
    args.push('--sbom', String(plan.sbom));
    args.push('--metadata-file', plan.metadataFile);
    args.push('--push');
    args.push(plan.context);
    return args;
}
const CACHE_TAG = 'buildcache';
/**
 * The cache to use. Explicit `cache-from`/`cache-to` win. Otherwise, with the registry cache on,
 * the cache lives in the image's own repository under the `buildcache` tag; `image-manifest=true`
 * and `oci-mediatypes=true` are what ECR needs to store a cache manifest. An IMMUTABLE repository
 * cannot overwrite that tag, so there the cache is only read.
 */
function chooseCache(options) {
    const { imageName, cacheFrom, cacheTo, registryCache, immutable } = options;
    if (cacheFrom.length > 0 || cacheTo.length > 0) {
        return { cacheFrom, cacheTo, description: 'as given in cache-from/cache-to' };
    }
    if (!registryCache)
        return { cacheFrom: [], cacheTo: [], description: 'none' };
    const ref = `${imageName}:${CACHE_TAG}`;
    const from = [`type=registry,ref=${ref}`];
    if (immutable) {
        return {
            cacheFrom: from,
            cacheTo: [],
            description: `read from ${ref}`,
            note: `The repository is IMMUTABLE, so the cache tag '${CACHE_TAG}' cannot be overwritten: the cache is read but not written. Set cache-to to a mutable repository to keep it fresh.`,
        };
    }
    return {
        cacheFrom: from,
        cacheTo: [`type=registry,ref=${ref},mode=max,image-manifest=true,oci-mediatypes=true`],
        description: `registry cache ${ref}`,
    };
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/json-shape.js
var json_shape = __webpack_require__(4075);
// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/oci-types.js
var oci_types = __webpack_require__(3708);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/oci-parse.js


/** Checks registry documents (see oci-types.ts for the specs) at the boundary; nothing is cast. */
function parsePlatform(value, where) {
    const object = (0,json_shape/* expectObject */.Xk)(value, where);
    const variant = (0,json_shape/* optionalString */.sx)(object.variant, `${where}.variant`);
    const osVersion = (0,json_shape/* optionalString */.sx)(object['os.version'], `${where}["os.version"]`);
    return {
        architecture: (0,json_shape/* expectString */.lK)(object.architecture, `${where}.architecture`),
        os: (0,json_shape/* expectString */.lK)(object.os, `${where}.os`),
        ...(variant ? { variant } : {}),
        ...(osVersion ? { osVersion } : {}),
    };
}
function parseDescriptor(value, where) {
    const object = (0,json_shape/* expectObject */.Xk)(value, where);
    const annotations = (0,json_shape/* optionalStringMap */.AM)(object.annotations, `${where}.annotations`);
    const artifactType = (0,json_shape/* optionalString */.sx)(object.artifactType, `${where}.artifactType`);
    return {
        mediaType: (0,json_shape/* expectString */.lK)(object.mediaType, `${where}.mediaType`),
        digest: (0,json_shape/* expectDigest */.w$)(object.digest, `${where}.digest`),
        size: (0,json_shape/* expectSize */.PR)(object.size, `${where}.size`),
        ...(object.platform === undefined ? {} : { platform: parsePlatform(object.platform, `${where}.platform`) }),
        ...(annotations ? { annotations } : {}),
        ...(artifactType ? { artifactType } : {}),
    };
}
function parseDescriptorList(value, where) {
    return (0,json_shape/* expectArray */.J6)(value, where).map((entry, index) => parseDescriptor(entry, `${where}[${index}]`));
}
/**
 * An image index, Docker manifest list or image manifest. `declaredMediaType` is what the registry
 * said in its Content-Type (or ECR in `imageManifestMediaType`): the OCI index may omit `mediaType`
 * in the body, so the declared one is used then, and the two must agree when both are present.
 */
function parseManifestDocument(value, where, declaredMediaType) {
    const object = (0,json_shape/* expectObject */.Xk)(value, where);
    if (object.schemaVersion !== 2) {
        throw new json_shape/* ShapeError */.ym(`${where} has schemaVersion ${String(object.schemaVersion)}; only schema 2 manifests (OCI, Docker v2.2) are supported`);
    }
    const bodyType = (0,json_shape/* optionalString */.sx)(object.mediaType, `${where}.mediaType`);
    if (bodyType && declaredMediaType && normalizeType(declaredMediaType) !== bodyType) {
        throw new json_shape/* ShapeError */.ym(`${where} says mediaType ${bodyType} but was served as ${declaredMediaType}`);
    }
    const mediaType = bodyType ?? (declaredMediaType ? normalizeType(declaredMediaType) : inferType(object));
    if (oci_types/* INDEX_MEDIA_TYPES */.kA.includes(mediaType)) {
        return { kind: 'index', mediaType, manifests: parseDescriptorList(object.manifests, `${where}.manifests`) };
    }
    if (oci_types/* MANIFEST_MEDIA_TYPES */.$T.includes(mediaType)) {
        const artifactType = (0,json_shape/* optionalString */.sx)(object.artifactType, `${where}.artifactType`);
        return {
            kind: 'manifest',
            mediaType,
            ...(artifactType ? { artifactType } : {}),
            config: parseDescriptor(object.config, `${where}.config`),
            layers: parseDescriptorList(object.layers, `${where}.layers`),
            ...(object.subject === undefined ? {} : { subject: parseDescriptor(object.subject, `${where}.subject`) }),
        };
    }
    throw new json_shape/* ShapeError */.ym(`${where} has media type ${mediaType}, which is neither an image index nor an image manifest`);
}
/** The platform in an image configuration blob (OCI config / Docker container image v1). */
function parseImageConfigPlatform(value, where) {
    const object = (0,json_shape/* expectObject */.Xk)(value, where);
    const variant = (0,json_shape/* optionalString */.sx)(object.variant, `${where}.variant`);
    return {
        architecture: (0,json_shape/* expectString */.lK)(object.architecture, `${where}.architecture`),
        os: (0,json_shape/* expectString */.lK)(object.os, `${where}.os`),
        ...(variant ? { variant } : {}),
    };
}
/** Content-Type may carry parameters (`; charset=utf-8`). */
function normalizeType(mediaType) {
    return mediaType.split(';')[0]?.trim() ?? mediaType;
}
/** An OCI index without `mediaType` and without a declared type: tell by its shape. */
function inferType(object) {
    if (Array.isArray(object.manifests))
        return oci_types/* INDEX_MEDIA_TYPES */.kA[0] ?? '';
    if ((0,json_shape/* isObject */.Gv)(object.config))
        return oci_types/* MANIFEST_MEDIA_TYPES */.$T[0] ?? '';
    throw new json_shape/* ShapeError */.ym('the document has neither mediaType, manifests nor config');
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/buildx-metadata.js


const DIGEST_KEY = 'containerimage.digest';
const DESCRIPTOR_KEY = 'containerimage.descriptor';
/** Parses one build's metadata (a bake file holds one such object per target). */
function parseBuildMetadata(value, where) {
    const object = (0,json_shape/* expectObject */.Xk)(value, where);
    const descriptor = object[DESCRIPTOR_KEY] === undefined ? undefined : parseDescriptor(object[DESCRIPTOR_KEY], `${where}["${DESCRIPTOR_KEY}"]`);
    const rawDigest = object[DIGEST_KEY];
    if (rawDigest !== undefined && !(0,json_shape/* isDigest */.Bc)(rawDigest)) {
        throw new json_shape/* ShapeError */.ym(`${where}["${DIGEST_KEY}"] is not a sha256/sha512 digest`);
    }
    const digest = rawDigest ?? descriptor?.digest;
    if (digest === undefined) {
        throw new json_shape/* ShapeError */.ym(`${where} has neither "${DIGEST_KEY}" nor "${DESCRIPTOR_KEY}": buildx did not export an image (was --push dropped?)`);
    }
    if (descriptor && descriptor.digest !== digest) {
        throw new json_shape/* ShapeError */.ym(`${where} names two different digests (${digest} and ${descriptor.digest})`);
    }
    const configDigest = object['containerimage.config.digest'];
    const imageName = (0,json_shape/* optionalString */.sx)(object['image.name'], `${where}["image.name"]`);
    const buildRef = (0,json_shape/* optionalString */.sx)(object['buildx.build.ref'], `${where}["buildx.build.ref"]`);
    return {
        digest,
        ...(descriptor ? { descriptor } : {}),
        // Informational only: a malformed config digest (seen in the wild) must not fail a good push.
        ...((0,json_shape/* isDigest */.Bc)(configDigest) ? { configDigest } : {}),
        imageNames: imageName
            ? imageName
                .split(',')
                .map((name) => name.trim())
                .filter(Boolean)
            : [],
        ...(buildRef ? { buildRef } : {}),
    };
}
/** Parses the text of a metadata file written by `buildx build` (one build, not bake). */
function parseBuildMetadataText(text, where) {
    return parseBuildMetadata((0,json_shape/* parseJsonText */.lk)(text, where), where);
}
/** Bake writes one object per target plus top-level `buildx.build.*` keys; targets are the objects. */
function parseBakeMetadata(value, where) {
    const object = expectObject(value, where);
    const targets = new Map();
    for (const [name, entry] of Object.entries(object)) {
        if (name.startsWith('buildx.') || !isObject(entry))
            continue;
        targets.set(name, parseBuildMetadata(entry, `${where}["${name}"]`));
    }
    return targets;
}
/** The metadata with the bulky provenance and warnings dropped: what the `metadata` output carries. */
function compactMetadata(value) {
    if (!(0,json_shape/* isObject */.Gv)(value))
        return {};
    return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'buildx.build.provenance' && key !== 'buildx.build.warnings'));
}

// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/docker-cli.js
var docker_cli = __webpack_require__(774);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/build.js






async function runBuild(docker, plan, secrets, tempRoot, now = Date.now) {
    const dir = (0,external_node_fs_.mkdtempSync)((0,external_node_path_.join)(tempRoot, 'ecr-build-push-'));
    try {
        const secretFiles = secrets.map((secret, index) => {
            const path = (0,external_node_path_.join)(dir, `secret-${index}`);
            (0,external_node_fs_.writeFileSync)(path, secret.value, { mode: 0o600 });
            return { id: secret.key, path };
        });
        const metadataFile = (0,external_node_path_.join)(dir, 'metadata.json');
        const started = now();
        const result = await docker.run(buildxBuildArgs({ ...plan, secretFiles, metadataFile }));
        const durationMs = now() - started;
        if (result.exitCode !== 0)
            throw new Error(`docker buildx build failed (exit code ${result.exitCode}): ${explainBuildFailure(result.stderr || result.stdout)}`);
        let text;
        try {
            text = (0,external_node_fs_.readFileSync)(metadataFile, 'utf8');
        }
        catch {
            throw new Error('docker buildx build succeeded but wrote no --metadata-file: buildx 0.6 or newer is needed');
        }
        const where = 'the buildx metadata file';
        return { metadata: parseBuildMetadataText(text, where), rawMetadata: (0,json_shape/* parseJsonText */.lk)(text, where), durationMs };
    }
    finally {
        (0,external_node_fs_.rmSync)(dir, { recursive: true, force: true });
    }
}
/** Known push failures get their fix; anything else is docker's own last words. */
function explainBuildFailure(output) {
    const tail = (0,docker_cli/* lastLines */.w$)(output);
    if (/tag invalid|already exists and cannot be overwritten|ImageTagAlreadyExistsException/i.test(output)) {
        return `${tail} — the repository is IMMUTABLE and one of the tags already exists; push a new tag (the commit SHA is one) or make the repository mutable`;
    }
    if (/no basic auth credentials|unauthorized|authentication required|denied/i.test(output)) {
        return `${tail} — the registry refused the push; the role needs ecr:InitiateLayerUpload, ecr:UploadLayerPart, ecr:CompleteLayerUpload, ecr:PutImage and ecr:BatchCheckLayerAvailability on the repository (or the token lacks packages: write)`;
    }
    return tail;
}

// EXTERNAL MODULE: ./.build/scratch/js/src/ecr-build-push/platforms.js
var ecr_build_push_platforms = __webpack_require__(9649);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/builder.js


/** Reads `docker buildx inspect` text (Name/Driver of the builder, Platforms of every node). */
function parseBuildxInspect(text) {
    let name = '';
    let driver = '';
    const platforms = new Set();
    for (const line of text.split(/\r?\n/)) {
        const match = /^([A-Za-z ]+):\s*(.*)$/.exec(line.trim());
        if (!match)
            continue;
        const [, key = '', value = ''] = match;
        if (key === 'Name' && name === '')
            name = value.trim();
        else if (key === 'Driver' && driver === '')
            driver = value.trim();
        else if (key === 'Platforms') {
            for (const entry of value.split(',')) {
                const platform = (0,ecr_build_push_platforms/* normalizePlatform */.FL)(entry.replace(/\*$/, '').trim());
                if (platform)
                    platforms.add(platform);
            }
        }
    }
    return { name, driver, platforms: [...platforms] };
}
const BUILDX_MISSING = 'docker buildx is not available: install the buildx plugin (Debian/Ubuntu: docker-buildx-plugin; or add docker/setup-buildx-action before this step)';
async function checkBuildx(docker) {
    const result = await docker.run(['buildx', 'version'], { quiet: true });
    if (result.exitCode !== 0)
        throw new Error(`${BUILDX_MISSING} (${(0,docker_cli/* lastLines */.w$)(result.stderr || result.stdout, 1)})`);
    return result.stdout.trim();
}
async function inspectBuilder(docker, name) {
    const args = ['buildx', 'inspect', ...(name ? [name] : []), '--bootstrap'];
    const result = await (0,docker_cli/* dockerOrThrow */.WA)(docker, args, `docker buildx inspect${name ? ` ${name}` : ''}`, { quiet: true });
    return parseBuildxInspect(result.stdout);
}
/** What the current builder lacks for this build; empty when it can do it all. */
function builderShortfalls(builder, needs) {
    const problems = [];
    const missing = needs.platforms.filter((platform) => !builder.platforms.includes(platform));
    if (missing.length > 0)
        problems.push(`it cannot build ${missing.join(', ')}`);
    if (builder.driver === 'docker' && needs.platforms.length > 1)
        problems.push('its docker driver cannot push a multi-platform image');
    if (builder.driver === 'docker' && needs.exportsCache)
        problems.push('its docker driver cannot export a registry cache');
    return problems;
}
/** Architectures that need QEMU: the platforms the current builder cannot run natively. */
function emulatedArchitectures(builder, platforms) {
    const wanted = platforms.filter((platform) => !builder.platforms.includes(platform)).map((platform) => platform.split('/')[1] ?? '');
    return [...new Set(wanted.filter(Boolean))];
}
const BINFMT_IMAGE = 'docker.io/tonistiigi/binfmt:latest';
/** Installs QEMU handlers (when needed) and creates a docker-container builder; returns its name. */
async function createContainerBuilder(docker, current, platforms, name, log) {
    const architectures = emulatedArchitectures(current, platforms);
    if (architectures.length > 0) {
        log(`Installing QEMU emulation for ${architectures.join(', ')} (${BINFMT_IMAGE})`);
        await (0,docker_cli/* dockerOrThrow */.WA)(docker, ['run', '--privileged', '--rm', BINFMT_IMAGE, '--install', architectures.join(',')], 'installing QEMU emulation');
    }
    log(`Creating buildx builder ${name} (docker-container driver)`);
    await (0,docker_cli/* dockerOrThrow */.WA)(docker, ['buildx', 'create', '--name', name, '--driver', 'docker-container', '--bootstrap'], `docker buildx create ${name}`);
    return inspectBuilder(docker, name);
}

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ecr/dist-cjs/index.js
var dist_cjs = __webpack_require__(8249);
// EXTERNAL MODULE: ./.build/scratch/js/src/lib/errors.js
var errors = __webpack_require__(7135);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/manifest-reader.js





function registryManifestReader(api, host) {
    return {
        source: `registry API of ${host}`,
        manifest: (repository, reference) => api.getManifest(repository, reference),
        configPlatform: (repository, digest) => readConfigPlatform(api, repository, digest),
    };
}
function ecrManifestReader(ecr, registryId, api) {
    return {
        source: 'ECR BatchGetImage',
        async manifest(repository, reference) {
            const imageId = (0,json_shape/* isDigest */.Bc)(reference) ? { imageDigest: reference } : { imageTag: reference };
            let response;
            try {
                response = await ecr.send(new dist_cjs/* BatchGetImageCommand */.P8n({
                    repositoryName: repository,
                    ...(registryId ? { registryId } : {}),
                    imageIds: [imageId],
                    acceptedMediaTypes: [...oci_types/* ACCEPTED_MANIFEST_TYPES */.ke],
                }));
            }
            catch (error) {
                throw (0,errors/* withContext */.eQ)(`ECR BatchGetImage ${repository}:${reference} failed — the role needs ecr:BatchGetImage on the repository`, error);
            }
            const image = response.images?.[0];
            if (!image) {
                const failure = response.failures?.[0];
                if (!failure || failure.failureCode === 'ImageNotFound' || failure.failureCode === 'ImageTagDoesNotMatchDigest')
                    return undefined;
                throw new Error(`ECR BatchGetImage ${repository}:${reference}: ${failure.failureCode ?? 'failure'} ${failure.failureReason ?? ''}`.trim());
            }
            const digest = image.imageId?.imageDigest;
            if (!(0,json_shape/* isDigest */.Bc)(digest) || !image.imageManifest) {
                throw new Error(`ECR BatchGetImage ${repository}:${reference} returned an image without a digest or manifest`);
            }
            if ((0,json_shape/* isDigest */.Bc)(reference) && digest !== reference) {
                throw new Error(`ECR BatchGetImage returned ${digest} when asked for ${reference}`);
            }
            return { digest, mediaType: image.imageManifestMediaType ?? '', body: image.imageManifest };
        },
        configPlatform: (repository, digest) => readConfigPlatform(api, repository, digest),
    };
}
async function readConfigPlatform(api, repository, digest) {
    const bytes = await api.getBlob(repository, digest);
    const where = `image config ${digest}`;
    return parseImageConfigPlatform((0,json_shape/* parseJsonText */.lk)(bytes.toString('utf8'), where), where);
}

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/secrets.js
var secrets = __webpack_require__(9335);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/registry-login.js




async function ecrCredentials(ecr, accountIds) {
    let response;
    try {
        response = await ecr.send(new dist_cjs/* GetAuthorizationTokenCommand */.Eu6(accountIds.length > 0 ? { registryIds: [...accountIds] } : {}));
    }
    catch (error) {
        throw (0,errors/* withContext */.eQ)(`ECR GetAuthorizationToken${accountIds.length > 0 ? ` for ${accountIds.join(', ')}` : ''} failed — the role needs ecr:GetAuthorizationToken (resource "*")`, error);
    }
    const data = response.authorizationData ?? [];
    if (data.length === 0)
        throw new Error('ECR GetAuthorizationToken returned no authorization data');
    return data.map((entry, index) => {
        const token = entry.authorizationToken ?? '';
        (0,secrets/* maskSecret */.$)(token);
        const decoded = Buffer.from(token, 'base64').toString('utf8');
        const at = decoded.indexOf(':');
        const username = at > 0 ? decoded.slice(0, at) : '';
        const password = at > 0 ? decoded.slice(at + 1) : '';
        (0,secrets/* maskSecret */.$)(password);
        if (username === '' || password === '')
            throw new Error(`ECR authorization token #${index + 1} is not base64 'user:password'`);
        const endpoint = (entry.proxyEndpoint ?? '').replace(/\/+$/, '');
        if (!/^https?:\/\/[^/]+$/.test(endpoint))
            throw new Error(`ECR returned proxyEndpoint '${endpoint}', which is not a registry URL`);
        const host = endpoint.replace(/^https?:\/\//, '');
        const accountId = accountIdFor(host, accountIds, index);
        return { host, endpoint, username, password, ...(accountId ? { accountId } : {}) };
    });
}
/** The account of a registry: from its host (`<account>.dkr.ecr.<region>.amazonaws.com`), else by request order. */
function accountIdFor(host, accountIds, index) {
    const fromHost = /^(\d{12})\.dkr\.ecr\./.exec(host)?.[1];
    return fromHost ?? accountIds[index];
}
/** Picks the registry the image is pushed to: the first requested account's, else the only/first one. */
function pushRegistry(credentials, accountIds) {
    const wanted = accountIds[0];
    const match = wanted === undefined ? undefined : credentials.find((entry) => entry.accountId === wanted);
    const chosen = match ?? credentials[0];
    if (!chosen)
        throw new Error('no registry to push to');
    return chosen;
}
/** A generic registry: plain HTTP only for loopback, as the Docker engine itself allows. */
function genericCredentials(host, username, password) {
    const loopback = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/.test(host);
    return { host, endpoint: `${loopback ? 'http' : 'https'}://${host}`, username, password };
}
async function dockerLogin(docker, credentials) {
    await (0,docker_cli/* dockerOrThrow */.WA)(docker, ['login', '--username', credentials.username, '--password-stdin', credentials.host], `docker login to ${credentials.host}`, {
        input: credentials.password,
    });
}
async function dockerLogout(docker, host) {
    const result = await docker.run(['logout', host]);
    return result.exitCode === 0;
}

// EXTERNAL MODULE: ./.build/scratch/js/src/lib/summary.js
var summary = __webpack_require__(9830);
;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/report.js


async function reportImage(facts, deps) {
    const { verified, imageName } = facts;
    const report = {
        image: `${imageName}@${verified.digest}`,
        digest: verified.digest,
        tags: facts.inputs.tags.map((tag) => `${imageName}:${tag}`),
        platforms: verified.images.map((image) => image.platform),
        pushed: facts.pushed,
    };
    for (const image of verified.images)
        deps.log(`  ${image.platform}: ${image.digest}`);
    if (verified.attestations.length > 0) {
        deps.log(`  ${verified.attestations.length} attestation manifest(s) (unknown/unknown), not images: ${verified.attestations.map((a) => a.digest).join(', ')}`);
    }
    if (verified.unexpected.length > 0)
        deps.log(`  also holds platforms that were not requested: ${verified.unexpected.join(', ')}`);
    deps.log(`Image: ${report.image}`);
    deps.setOutput('image', report.image);
    deps.setOutput('digest', report.digest);
    deps.setOutput('tags', report.tags.join('\n'));
    deps.setOutput('platforms', report.platforms.join(','));
    deps.setOutput('pushed', String(report.pushed));
    deps.setOutput('metadata', JSON.stringify(facts.build ? compactMetadata(facts.build.rawMetadata) : { 'containerimage.digest': verified.digest }));
    await deps.writeSummary(summaryMarkdown(facts, report));
    return report;
}
function summaryMarkdown(facts, report) {
    const { verified } = facts;
    const rows = [
        ['Image', (0,summary/* inlineCode */.ti)(report.image)],
        ['Result', facts.pushed ? 'built, pushed and verified' : 'already in the registry (immutable tag): verified, not rebuilt'],
        ['Media type', (0,summary/* inlineCode */.ti)(verified.mediaType)],
        ['Platforms', verified.images.map((image) => `${(0,summary/* inlineCode */.ti)(image.platform)} ${(0,summary/* inlineCode */.ti)(image.digest)}`).join('<br>')],
        ['Attestations', verified.attestations.length === 0 ? 'none' : `${verified.attestations.length} (unknown/unknown, not images)`],
        ['Tags', report.tags.map((tag) => (0,summary/* inlineCode */.ti)(tag)).join('<br>')],
        ['Cache', facts.cache],
        ['Build time', facts.build ? formatDuration(facts.build.durationMs) : '—'],
    ];
    if (facts.mutability)
        rows.push(['Tag mutability', facts.mutability]);
    return `### ecr-build-push: ${(0,summary/* inlineCode */.ti)(facts.inputs.repository)}\n\n${(0,summary/* markdownTable */.Qj)(['', ''], rows)}\n`;
}
function formatDuration(ms) {
    const seconds = Math.round(ms / 1000);
    return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/repository.js


async function ensureRepository(ecr, request, log) {
    const where = `${request.name}${request.registryId ? ` in account ${request.registryId}` : ''}`;
    try {
        const described = await ecr.send(new dist_cjs/* DescribeRepositoriesCommand */.pE_({
            repositoryNames: [request.name],
            ...(request.registryId ? { registryId: request.registryId } : {}),
        }));
        const found = described.repositories?.[0];
        if (found)
            return describeState(request.name, found, false);
    }
    catch (error) {
        if (!(error instanceof Error && error.name === 'RepositoryNotFoundException')) {
            throw (0,errors/* withContext */.eQ)(`ECR DescribeRepositories for ${where} failed — the role needs ecr:DescribeRepositories on the repository`, error);
        }
    }
    if (!request.create) {
        throw new errors/* NotFoundError */.m_(`ECR repository '${request.name}' does not exist${request.registryId ? ` in account ${request.registryId}` : ''}: create it (aws ecr create-repository --repository-name ${request.name} --image-scanning-configuration scanOnPush=true), or set create-repository: true`);
    }
    let created;
    try {
        const response = await ecr.send(new dist_cjs/* CreateRepositoryCommand */.WTe({
            repositoryName: request.name,
            ...(request.registryId ? { registryId: request.registryId } : {}),
            imageTagMutability: request.mutability,
            imageScanningConfiguration: { scanOnPush: true },
        }));
        created = response.repository;
    }
    catch (error) {
        throw (0,errors/* withContext */.eQ)(`ECR CreateRepository ${where} failed — the role needs ecr:CreateRepository`, error);
    }
    log(`Created ECR repository ${request.name} (${request.mutability}, scan on push)`);
    if (request.lifecyclePolicy) {
        try {
            await ecr.send(new dist_cjs/* PutLifecyclePolicyCommand */.Rcn({
                repositoryName: request.name,
                ...(request.registryId ? { registryId: request.registryId } : {}),
                lifecyclePolicyText: request.lifecyclePolicy,
            }));
        }
        catch (error) {
            throw (0,errors/* withContext */.eQ)(`ECR PutLifecyclePolicy on ${where} failed — the role needs ecr:PutLifecyclePolicy`, error);
        }
        log(`Attached the lifecycle policy to ${request.name}`);
    }
    return describeState(request.name, created ?? { imageTagMutability: request.mutability }, true);
}
function describeState(name, repository, created) {
    return {
        name,
        ...(repository.repositoryUri ? { uri: repository.repositoryUri } : {}),
        created,
        mutability: repository.imageTagMutability ?? 'MUTABLE',
        exclusions: (repository.imageTagMutabilityExclusionFilters ?? []).map((filter) => filter.filter ?? '').filter(Boolean),
    };
}
/** Whether pushing `tag` again would be refused: IMMUTABLE, or IMMUTABLE_WITH_EXCLUSION without a matching filter. */
function isTagImmutable(state, tag) {
    if (state.mutability === 'IMMUTABLE')
        return true;
    if (state.mutability === 'IMMUTABLE_WITH_EXCLUSION')
        return !state.exclusions.some((filter) => wildcardMatch(filter, tag));
    if (state.mutability === 'MUTABLE_WITH_EXCLUSION')
        return state.exclusions.some((filter) => wildcardMatch(filter, tag));
    return false;
}
/** ECR exclusion filters are WILDCARD patterns where `*` matches any run of characters. */
function wildcardMatch(pattern, value) {
    const regex = new RegExp(`^${pattern
        .split('*')
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`);
    return regex.test(value);
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/retag.js



/**
 * On an IMMUTABLE re-run nothing is built, yet the run may bring tags the first run did not have
 * (a git tag pushed onto an already-built commit). Those tags are added to the existing image with
 * ECR PutImage and the very same manifest bytes, so its digest cannot change:
 * https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-retag.html
 */
async function addMissingTags(ecr, reader, repository, registryId, digest, tags, log) {
    const source = await reader.manifest(repository.name, digest);
    if (!source)
        throw new Error(`${repository.name}@${digest} disappeared while adding tags`);
    const added = [];
    for (const tag of tags) {
        const current = await reader.manifest(repository.name, tag);
        if (current?.digest === digest)
            continue;
        if (current && isTagImmutable(repository, tag)) {
            throw new Error(`tag '${tag}' of ${repository.name} already points at ${current.digest}, not at ${digest}, and cannot be moved (the tag is immutable): choose another tag`);
        }
        try {
            await ecr.send(new dist_cjs/* PutImageCommand */.SUU({
                repositoryName: repository.name,
                ...(registryId ? { registryId } : {}),
                imageManifest: source.body,
                ...(source.mediaType ? { imageManifestMediaType: source.mediaType } : {}),
                imageTag: tag,
                imageDigest: digest,
            }));
        }
        catch (error) {
            throw (0,errors/* withContext */.eQ)(`ECR PutImage to tag ${repository.name}:${tag} failed — the role needs ecr:PutImage on the repository`, error);
        }
        log(`Tagged the existing image ${repository.name}@${digest} as ${tag}`);
        added.push(tag);
    }
    return added;
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/state.js
/**
 * What main saves for the post step (`core.saveState`): the registry hosts it logged in to, the
 * builder it created, and whether to skip the logout. One place, so main and post agree on names.
 */
const STATE_REGISTRIES = 'registries';
const STATE_BUILDER = 'builder';
const STATE_SKIP_LOGOUT = 'skip-logout';
/** The saved host list; anything unreadable means there is nothing to log out of. */
function parseSavedHosts(value) {
    if (value === '')
        return [];
    try {
        const parsed = JSON.parse(value);
        return Array.isArray(parsed) ? parsed.filter((entry) => typeof entry === 'string' && entry !== '') : [];
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/verify.js



class VerificationError extends Error {
    name = 'VerificationError';
}
const ATTESTATION_ARTIFACT = 'application/vnd.docker.attestation.manifest.v1+json';
/** Undefined when the registry has nothing under `reference`. */
async function verifyImage(reader, repository, reference, platforms) {
    const fetched = await reader.manifest(repository, reference);
    if (!fetched)
        return undefined;
    const document = parse(fetched.body, `the manifest of ${repository}@${fetched.digest} (${reader.source})`, fetched.mediaType);
    let images;
    let attestations = [];
    if (document.kind === 'index') {
        ({ images, attestations } = (0,ecr_build_push_platforms/* splitIndex */.h2)(document));
        if (images.length === 0)
            throw new VerificationError(`${repository}@${fetched.digest} is an index that holds only attestations, no image`);
        for (const image of images.filter((entry) => platforms.includes(entry.platform)))
            await checkChild(reader, repository, image);
    }
    else {
        assertImage(document, `${repository}@${fetched.digest}`);
        const platform = await reader.configPlatform(repository, document.config.digest);
        images = [{ platform: (0,ecr_build_push_platforms/* formatPlatform */.Bq)(platform), digest: fetched.digest, mediaType: document.mediaType }];
    }
    const { missing, unexpected } = (0,ecr_build_push_platforms/* comparePlatforms */.UX)(platforms, images.map((image) => image.platform));
    if (missing.length > 0) {
        throw new VerificationError(`${repository}@${fetched.digest} has no image for ${missing.join(', ')} (it holds ${images.map((image) => image.platform).join(', ')}): the build did not produce every requested platform`);
    }
    return { digest: fetched.digest, mediaType: document.mediaType, kind: document.kind, images, attestations, unexpected };
}
/** Each platform's own manifest must be in the registry and be an image, not an attestation. */
async function checkChild(reader, repository, image) {
    const child = await reader.manifest(repository, image.digest);
    if (!child)
        throw new VerificationError(`the ${image.platform} image ${repository}@${image.digest} is listed in the index but missing from the registry`);
    const document = parse(child.body, `the ${image.platform} manifest ${repository}@${image.digest}`, child.mediaType);
    if (document.kind !== 'manifest')
        throw new VerificationError(`the ${image.platform} entry ${repository}@${image.digest} is a nested index, not an image`);
    assertImage(document, `${repository}@${image.digest}`);
    // The index entry's platform is only a claim; the image's own config says what it really is.
    const actual = (0,ecr_build_push_platforms/* formatPlatform */.Bq)(await reader.configPlatform(repository, document.config.digest));
    if (actual !== image.platform) {
        throw new VerificationError(`the index lists ${repository}@${image.digest} as ${image.platform}, but its config says ${actual}`);
    }
}
function assertImage(manifest, where) {
    if (manifest.artifactType === ATTESTATION_ARTIFACT || manifest.subject !== undefined) {
        throw new VerificationError(`${where} is an attestation manifest, not an image: it must never be deployed`);
    }
}
function parse(body, where, mediaType) {
    return parseManifestDocument((0,json_shape/* parseJsonText */.lk)(body, where), where, mediaType || undefined);
}

;// CONCATENATED MODULE: ./.build/scratch/js/src/ecr-build-push/run.js










/** Credentials → repository → docker login → (re-run check) → builder → build and push → read back and verify → report. */
async function runEcrBuildPush(inputs, deps) {
    deps.log(await checkBuildx(deps.docker));
    deps.saveState(STATE_SKIP_LOGOUT, String(inputs.skipLogout));
    const { push: registry, all } = await fetchCredentials(inputs, deps);
    deps.setOutput('registry', registry.host);
    const imageName = `${registry.host}/${inputs.repository}`;
    const api = deps.registryApi(registry);
    const reader = inputs.target.type === 'private' && deps.ecr
        ? ecrManifestReader(deps.ecr, registry.accountId, api)
        : registryManifestReader(api, registry.host);
    // The repository is checked before docker login and long before the build: a missing one fails in seconds.
    let repository;
    if (inputs.target.type === 'private' && deps.ecr) {
        repository = await ensureRepository(deps.ecr, {
            name: inputs.repository,
            ...(registry.accountId && inputs.target.accountIds.length > 0 ? { registryId: registry.accountId } : {}),
            create: inputs.createRepository,
            mutability: inputs.imageTagMutability,
            ...(inputs.lifecyclePolicy ? { lifecyclePolicy: inputs.lifecyclePolicy } : {}),
        }, deps.log);
        deps.log(`ECR repository ${inputs.repository}: ${repository.created ? 'created' : 'exists'}, tags ${repository.mutability}`);
    }
    await dockerLoginAll(all, deps);
    const commitTag = inputs.tags[0] ?? inputs.git.sha;
    const base = { inputs, registry: registry.host, imageName, mutability: repository?.mutability };
    if (repository && inputs.target.type === 'private' && isTagImmutable(repository, commitTag)) {
        const existing = await verifyImage(reader, inputs.repository, commitTag, inputs.platforms);
        if (existing && deps.ecr) {
            deps.log(`${imageName}:${commitTag} already exists and the tag is immutable: verified it and did not build or push again (a re-run of this commit)`);
            const registryId = inputs.target.accountIds.length > 0 ? registry.accountId : undefined;
            await addMissingTags(deps.ecr, reader, repository, registryId, existing.digest, inputs.tags.slice(1), deps.log);
            return reportImage({ ...base, verified: existing, pushed: false, cache: 'not used (nothing was built)' }, deps);
        }
    }
    const cache = chooseCache({
        imageName,
        cacheFrom: inputs.cacheFrom,
        cacheTo: inputs.cacheTo,
        registryCache: inputs.registryCache,
        immutable: repository !== undefined && isTagImmutable(repository, 'buildcache'),
    });
    if (cache.note)
        deps.log(cache.note);
    const builder = await prepareBuilder(inputs, deps, cache.cacheTo.length > 0);
    const build = await runBuild(deps.docker, {
        imageName,
        tags: inputs.tags,
        platforms: inputs.platforms,
        labels: inputs.labels,
        buildArgs: inputs.buildArgs,
        cacheFrom: cache.cacheFrom,
        cacheTo: builder.dropCacheExport ? [] : cache.cacheTo,
        noCache: inputs.noCache,
        pull: inputs.pull,
        provenance: inputs.provenance,
        sbom: inputs.sbom,
        ...(builder.name ? { builder: builder.name } : {}),
        ...(inputs.file ? { file: inputs.file } : {}),
        ...(inputs.buildTarget ? { target: inputs.buildTarget } : {}),
        context: inputs.context,
    }, inputs.secrets, deps.tempDir, deps.now);
    deps.log(`Pushed ${imageName}@${build.metadata.digest}; reading it back (${reader.source})`);
    const verified = await verifyImage(reader, inputs.repository, build.metadata.digest, inputs.platforms);
    if (!verified)
        throw new VerificationError(`${imageName}@${build.metadata.digest} was reported pushed by buildx but the registry does not have it`);
    return reportImage({ ...base, verified, pushed: true, cache: cache.description, build }, deps);
}
async function fetchCredentials(inputs, deps) {
    const target = inputs.target;
    if (target.type === 'generic') {
        const push = genericCredentials(target.host, target.username, target.password);
        return { push, all: [push] };
    }
    if (!deps.ecr)
        throw new Error('internal: no ECR client for registry-type private');
    const all = await ecrCredentials(deps.ecr, target.accountIds);
    return { push: pushRegistry(all, target.accountIds), all };
}
async function dockerLoginAll(all, deps) {
    const loggedIn = [];
    for (const credentials of all) {
        if (loggedIn.includes(credentials.host))
            continue;
        await dockerLogin(deps.docker, credentials);
        loggedIn.push(credentials.host);
        // Saved after every login, so the post step logs out of whatever succeeded even if a later one fails.
        deps.saveState(STATE_REGISTRIES, JSON.stringify(loggedIn));
    }
}
async function prepareBuilder(inputs, deps, exportsCache) {
    const current = await inspectBuilder(deps.docker, inputs.builder);
    const shortfalls = builderShortfalls(current, { platforms: inputs.platforms, exportsCache });
    if (shortfalls.length === 0)
        return { ...(inputs.builder ? { name: inputs.builder } : {}), dropCacheExport: false };
    const label = `builder '${current.name || 'default'}' (driver ${current.driver || 'unknown'})`;
    if (!inputs.setupBuilder) {
        const onlyCache = builderShortfalls(current, { platforms: inputs.platforms, exportsCache: false }).length === 0;
        if (onlyCache) {
            deps.warn(`The ${label} cannot export a registry cache, and setup-builder is false: building without writing the cache`);
            return { ...(inputs.builder ? { name: inputs.builder } : {}), dropCacheExport: true };
        }
        throw new Error(`The ${label} is not enough: ${shortfalls.join('; ')}. Set setup-builder: true, or set up a docker-container builder with QEMU before this step`);
    }
    deps.log(`The ${label} is not enough (${shortfalls.join('; ')}): setting up a docker-container builder`);
    const name = `ecs-delivery-${deps.runId}`.replace(/[^A-Za-z0-9_-]/g, '-');
    deps.saveState(STATE_BUILDER, name);
    const created = await createContainerBuilder(deps.docker, current, inputs.platforms, name, deps.log);
    const still = builderShortfalls(created, { platforms: inputs.platforms, exportsCache });
    if (still.length > 0)
        throw new Error(`The new builder ${name} is still not enough: ${still.join('; ')}`);
    return { name, dropCacheExport: false };
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
