import { AwsServiceError } from '../core/contract.js';

/**
 * ECR's image tag mutability (ecr.service-2.json ImageTagMutability): MUTABLE and IMMUTABLE apply to
 * every tag; the `…_WITH_EXCLUSION` settings come with 1–5 WILDCARD filters, and a tag that matches
 * one behaves the opposite way (IMMUTABLE_WITH_EXCLUSION with `latest`: every tag is immutable but
 * `latest`; MUTABLE_WITH_EXCLUSION with `release-*`: only release tags are immutable).
 */
export const TAG_MUTABILITIES = ['MUTABLE', 'IMMUTABLE', 'IMMUTABLE_WITH_EXCLUSION', 'MUTABLE_WITH_EXCLUSION'] as const;
export type TagMutability = (typeof TAG_MUTABILITIES)[number];

export interface ExclusionFilter {
  filterType: 'WILDCARD';
  filter: string;
}

export interface TagMutabilitySetting {
  imageTagMutability: TagMutability;
  imageTagMutabilityExclusionFilters: ExclusionFilter[];
}

const FILTER = /^[0-9a-zA-Z._*-]{1,128}$/;

const invalid = (message: string) => new AwsServiceError('InvalidParameterException', message);

function exclusionFilters(value: unknown): ExclusionFilter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length < 1 || value.length > 5)
    throw invalid(
      `Invalid parameter at 'imageTagMutabilityExclusionFilters' failed to satisfy constraint: 'Member must have length between 1 and 5'`,
    );
  return value.map((raw: unknown, i) => {
    const entry = (raw ?? {}) as { filterType?: unknown; filter?: unknown };
    if (entry.filterType !== 'WILDCARD')
      throw invalid(
        `Invalid parameter at 'imageTagMutabilityExclusionFilters.${i + 1}.member.filterType' failed to satisfy constraint: 'Member must satisfy enum value set: [WILDCARD]'`,
      );
    if (typeof entry.filter !== 'string' || !FILTER.test(entry.filter))
      throw invalid(
        `Invalid parameter at 'imageTagMutabilityExclusionFilters.${i + 1}.member.filter' failed to satisfy constraint: 'Member must satisfy regular expression pattern: ${FILTER.source}'`,
      );
    return { filterType: 'WILDCARD', filter: entry.filter };
  });
}

/** The setting a CreateRepository or PutImageTagMutability call asks for, refused as ECR refuses it. */
export function readTagMutability(params: Record<string, unknown>, fallback: TagMutability | undefined): TagMutabilitySetting {
  const mutability = params.imageTagMutability ?? fallback;
  if (!TAG_MUTABILITIES.includes(mutability as TagMutability))
    throw invalid(
      `Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must satisfy enum value set: [${TAG_MUTABILITIES.join(', ')}]'`,
    );
  const setting = mutability as TagMutability;
  const filters = exclusionFilters(params.imageTagMutabilityExclusionFilters);
  const withExclusion = setting.endsWith('_WITH_EXCLUSION');
  if (withExclusion && filters.length === 0)
    throw invalid(`imageTagMutabilityExclusionFilters are required when imageTagMutability is ${setting}.`);
  if (!withExclusion && filters.length > 0)
    throw invalid(
      `imageTagMutabilityExclusionFilters can only be used with IMMUTABLE_WITH_EXCLUSION or MUTABLE_WITH_EXCLUSION, not ${setting}.`,
    );
  return { imageTagMutability: setting, imageTagMutabilityExclusionFilters: filters };
}

/** A WILDCARD filter: `*` stands for any run of characters, everything else for itself. */
export function wildcardMatches(filter: string, tag: string): boolean {
  const pattern = filter.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(`^${pattern.join('.*')}$`).test(tag);
}

/** Whether `tag` may not be moved to another image under this setting. */
export function tagIsImmutable(setting: TagMutabilitySetting, tag: string): boolean {
  const excluded = setting.imageTagMutabilityExclusionFilters.some((f) => wildcardMatches(f.filter, tag));
  switch (setting.imageTagMutability) {
    case 'IMMUTABLE':
      return true;
    case 'IMMUTABLE_WITH_EXCLUSION':
      return !excluded;
    case 'MUTABLE_WITH_EXCLUSION':
      return excluded;
    default:
      return false;
  }
}
