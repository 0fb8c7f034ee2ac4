import type { ECRClient } from '@aws-sdk/client-ecr';
import { chooseCache } from './build-command.js';
import { runBuild } from './build.js';
import { builderShortfalls, checkBuildx, createContainerBuilder, inspectBuilder } from './builder.js';
import type { DockerCli } from './docker-cli.js';
import type { EcrBuildPushInputs } from './inputs.js';
import { ecrManifestReader, registryManifestReader, type ManifestReader } from './manifest-reader.js';
import type { RegistryApi } from './registry-api.js';
import type { Runner } from '../lib/runner.js';
import { dockerLogin, ecrCredentials, genericCredentials, pushRegistry, type RegistryCredentials } from './registry-login.js';
import { reportImage, type ImageReport } from './report.js';
import { addMissingTags } from './retag.js';
import { ensureRepository, isTagImmutable, type RepositoryState } from './repository.js';
import { STATE_BUILDER, STATE_REGISTRIES, STATE_SKIP_LOGOUT } from './state.js';
import { VerificationError, verifyImage } from './verify.js';

/** Everything the action touches, passed in: deps.ts wires the real ones from the runner, tests their own. */
export interface EcrBuildPushDeps {
  docker: DockerCli;
  /** Present for registry-type private. */
  ecr?: Pick<ECRClient, 'send'>;
  registryApi: (credentials: RegistryCredentials) => RegistryApi;
  tempDir: string;
  /** Makes the builder name unique per job run. */
  runId: string;
  log: Runner['log'];
  saveState: Runner['saveState'];
  setOutput: Runner['setOutput'];
  summary: Runner['summary'];
  clock: Runner['clock'];
}

/** Credentials → repository → docker login → (re-run check) → builder → build and push → read back and verify → report. */
export async function runEcrBuildPush(inputs: EcrBuildPushInputs, deps: EcrBuildPushDeps): Promise<ImageReport> {
  deps.log.info(await checkBuildx(deps.docker));
  deps.saveState(STATE_SKIP_LOGOUT, String(inputs.skipLogout));
  const { push: registry, all } = await fetchCredentials(inputs, deps);
  deps.setOutput('registry', registry.host);
  const imageName = `${registry.host}/${inputs.repository}`;
  const api = deps.registryApi(registry);
  const reader: ManifestReader =
    inputs.target.type === 'private' && deps.ecr
      ? ecrManifestReader(deps.ecr, registry.accountId, api)
      : registryManifestReader(api, registry.host);

  // The repository is checked before docker login and long before the build: a missing one fails in seconds.
  let repository: RepositoryState | undefined;
  if (inputs.target.type === 'private' && deps.ecr) {
    repository = await ensureRepository(
      deps.ecr,
      {
        name: inputs.repository,
        ...(registry.accountId && inputs.target.accountIds.length > 0 ? { registryId: registry.accountId } : {}),
        region: inputs.target.region,
        ...(registry.accountId ? { accountId: registry.accountId } : {}),
        create: inputs.createRepository,
        mutability: inputs.imageTagMutability,
        ...(inputs.lifecyclePolicy ? { lifecyclePolicy: inputs.lifecyclePolicy } : {}),
      },
      deps.log.info,
    );
    deps.log.info(`ECR repository ${inputs.repository}: ${repository.created ? 'created' : 'exists'}, tags ${repository.mutability}`);
  }
  await dockerLoginAll(all, deps);
  const commitTag = inputs.tags[0] ?? inputs.git.sha;
  const base = { inputs, registry: registry.host, imageName, mutability: repository?.mutability };

  if (repository && inputs.target.type === 'private' && isTagImmutable(repository, commitTag)) {
    const existing = await verifyImage(reader, inputs.repository, commitTag, inputs.platforms);
    if (existing && deps.ecr) {
      deps.log.info(
        `${imageName}:${commitTag} already exists and the tag is immutable: verified it and did not build or push again (a re-run of this commit)`,
      );
      const registryId = inputs.target.accountIds.length > 0 ? registry.accountId : undefined;
      await addMissingTags(deps.ecr, reader, repository, registryId, existing.digest, inputs.tags.slice(1), deps.log.info);
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
  if (cache.note) deps.log.info(cache.note);
  const builder = await prepareBuilder(inputs, deps, cache.cacheTo.length > 0);

  const build = await runBuild(
    deps.docker,
    {
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
    },
    inputs.secrets,
    deps.tempDir,
    deps.clock.now,
  );
  deps.log.info(`Pushed ${imageName}@${build.metadata.digest}; reading it back (${reader.source})`);
  const verified = await verifyImage(reader, inputs.repository, build.metadata.digest, inputs.platforms);
  if (!verified)
    throw new VerificationError(`${imageName}@${build.metadata.digest} was reported pushed by buildx but the registry does not have it`);
  return reportImage({ ...base, verified, pushed: true, cache: cache.description, build }, deps);
}

async function fetchCredentials(
  inputs: EcrBuildPushInputs,
  deps: EcrBuildPushDeps,
): Promise<{ push: RegistryCredentials; all: RegistryCredentials[] }> {
  const target = inputs.target;
  if (target.type === 'generic') {
    const push = genericCredentials(target.host, target.username, target.password);
    return { push, all: [push] };
  }
  if (!deps.ecr) throw new Error('internal: no ECR client for registry-type private');
  const all = await ecrCredentials(deps.ecr, target.accountIds);
  return { push: pushRegistry(all, target.accountIds), all };
}

async function dockerLoginAll(all: readonly RegistryCredentials[], deps: EcrBuildPushDeps): Promise<void> {
  const loggedIn: string[] = [];
  for (const credentials of all) {
    if (loggedIn.includes(credentials.host)) continue;
    await dockerLogin(deps.docker, credentials);
    loggedIn.push(credentials.host);
    // Saved after every login, so the post step logs out of whatever succeeded even if a later one fails.
    deps.saveState(STATE_REGISTRIES, JSON.stringify(loggedIn));
  }
}

interface BuilderChoice {
  name?: string;
  dropCacheExport: boolean;
}

async function prepareBuilder(inputs: EcrBuildPushInputs, deps: EcrBuildPushDeps, exportsCache: boolean): Promise<BuilderChoice> {
  const current = await inspectBuilder(deps.docker, inputs.builder);
  const shortfalls = builderShortfalls(current, { platforms: inputs.platforms, exportsCache });
  if (shortfalls.length === 0) return { ...(inputs.builder ? { name: inputs.builder } : {}), dropCacheExport: false };
  const label = `builder '${current.name || 'default'}' (driver ${current.driver || 'unknown'})`;
  if (!inputs.setupBuilder) {
    const onlyCache = builderShortfalls(current, { platforms: inputs.platforms, exportsCache: false }).length === 0;
    if (onlyCache) {
      deps.log.warning(`The ${label} cannot export a registry cache, and setup-builder is false: building without writing the cache`);
      return { ...(inputs.builder ? { name: inputs.builder } : {}), dropCacheExport: true };
    }
    throw new Error(
      `The ${label} is not enough: ${shortfalls.join('; ')}. Set setup-builder: true, or set up a docker-container builder with QEMU before this step`,
    );
  }
  deps.log.info(`The ${label} is not enough (${shortfalls.join('; ')}): setting up a docker-container builder`);
  const name = `ecs-delivery-${deps.runId}`.replace(/[^A-Za-z0-9_-]/g, '-');
  deps.saveState(STATE_BUILDER, name);
  const created = await createContainerBuilder(deps.docker, current, inputs.platforms, name, deps.log.info);
  const still = builderShortfalls(created, { platforms: inputs.platforms, exportsCache });
  if (still.length > 0) throw new Error(`The new builder ${name} is still not enough: ${still.join('; ')}`);
  return { name, dropCacheExport: false };
}
