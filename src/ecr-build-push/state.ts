/**
 * What main saves for the post step (`core.saveState`): the registry hosts it logged in to, the
 * builder it created, and whether to skip the logout. One place, so main and post agree on names.
 */
export const STATE_REGISTRIES = 'registries';
export const STATE_BUILDER = 'builder';
export const STATE_SKIP_LOGOUT = 'skip-logout';

/** The saved host list; anything unreadable means there is nothing to log out of. */
export function parseSavedHosts(value: string): string[] {
  if (value === '') return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed.filter((entry): entry is string => typeof entry === 'string' && entry !== '') : [];
  } catch {
    return [];
  }
}
