import { dockerOrThrow, lastLines, type DockerCli } from './docker-cli.js';
import { normalizePlatform } from './platforms.js';

/**
 * The buildx builder. The default builder of a Docker engine uses the `docker` driver, which cannot
 * push a multi-platform image nor export a registry cache; foreign platforms need QEMU. This does
 * what setup-qemu-action and setup-buildx-action do, only when it is needed.
 */

export interface BuilderInfo {
  name: string;
  driver: string;
  platforms: string[];
}

/** Reads `docker buildx inspect` text (Name/Driver of the builder, Platforms of every node). */
export function parseBuildxInspect(text: string): BuilderInfo {
  let name = '';
  let driver = '';
  const platforms = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([A-Za-z ]+):\s*(.*)$/.exec(line.trim());
    if (!match) continue;
    const [, key = '', value = ''] = match;
    if (key === 'Name' && name === '') name = value.trim();
    else if (key === 'Driver' && driver === '') driver = value.trim();
    else if (key === 'Platforms') {
      for (const entry of value.split(',')) {
        const platform = normalizePlatform(entry.replace(/\*$/, '').trim());
        if (platform) platforms.add(platform);
      }
    }
  }
  return { name, driver, platforms: [...platforms] };
}

export const BUILDX_MISSING =
  'docker buildx is not available: install the buildx plugin (Debian/Ubuntu: docker-buildx-plugin; or add docker/setup-buildx-action before this step)';

export async function checkBuildx(docker: DockerCli): Promise<string> {
  const result = await docker.run(['buildx', 'version'], { quiet: true });
  if (result.exitCode !== 0) throw new Error(`${BUILDX_MISSING} (${lastLines(result.stderr || result.stdout, 1)})`);
  return result.stdout.trim();
}

export async function inspectBuilder(docker: DockerCli, name?: string): Promise<BuilderInfo> {
  const args = ['buildx', 'inspect', ...(name ? [name] : []), '--bootstrap'];
  const result = await dockerOrThrow(docker, args, `docker buildx inspect${name ? ` ${name}` : ''}`, { quiet: true });
  return parseBuildxInspect(result.stdout);
}

export interface BuilderNeeds {
  platforms: readonly string[];
  exportsCache: boolean;
}

/** What the current builder lacks for this build; empty when it can do it all. */
export function builderShortfalls(builder: BuilderInfo, needs: BuilderNeeds): string[] {
  const problems: string[] = [];
  const missing = needs.platforms.filter((platform) => !builder.platforms.includes(platform));
  if (missing.length > 0) problems.push(`it cannot build ${missing.join(', ')}`);
  if (builder.driver === 'docker' && needs.platforms.length > 1) problems.push('its docker driver cannot push a multi-platform image');
  if (builder.driver === 'docker' && needs.exportsCache) problems.push('its docker driver cannot export a registry cache');
  return problems;
}

/** Architectures that need QEMU: the platforms the current builder cannot run natively. */
export function emulatedArchitectures(builder: BuilderInfo, platforms: readonly string[]): string[] {
  const wanted = platforms.filter((platform) => !builder.platforms.includes(platform)).map((platform) => platform.split('/')[1] ?? '');
  return [...new Set(wanted.filter(Boolean))];
}

export const BINFMT_IMAGE = 'docker.io/tonistiigi/binfmt:latest';

/** Installs QEMU handlers (when needed) and creates a docker-container builder; returns its name. */
export async function createContainerBuilder(
  docker: DockerCli,
  current: BuilderInfo,
  platforms: readonly string[],
  name: string,
  log: (line: string) => void,
): Promise<BuilderInfo> {
  const architectures = emulatedArchitectures(current, platforms);
  if (architectures.length > 0) {
    log(`Installing QEMU emulation for ${architectures.join(', ')} (${BINFMT_IMAGE})`);
    await dockerOrThrow(
      docker,
      ['run', '--privileged', '--rm', BINFMT_IMAGE, '--install', architectures.join(',')],
      'installing QEMU emulation',
    );
  }
  log(`Creating buildx builder ${name} (docker-container driver)`);
  await dockerOrThrow(
    docker,
    ['buildx', 'create', '--name', name, '--driver', 'docker-container', '--bootstrap'],
    `docker buildx create ${name}`,
  );
  return inspectBuilder(docker, name);
}
