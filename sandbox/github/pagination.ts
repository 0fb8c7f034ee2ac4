import type { RouteContext } from './route.js';

/** GitHub's list pagination, shared by every list route of the sandbox. */

function positive(value: string | null, fallback: number, max: number): number {
  const parsed = value === null ? fallback : Number.parseInt(value, 10);
  return Number.isFinite(parsed) && parsed > 0 ? Math.min(parsed, max) : fallback;
}

/** GitHub's pagination: `per_page` (default 30, max 100), `page`, and a Link header with next/last/first/prev. */
export function paginate<T>(ctx: Pick<RouteContext, 'query' | 'apiUrl' | 'path'>, items: T[]): { page: T[]; link?: string } {
  const perPage = positive(ctx.query.get('per_page'), 30, 100);
  const page = positive(ctx.query.get('page'), 1, Number.MAX_SAFE_INTEGER);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const url = (n: number) => {
    const query = new URLSearchParams(ctx.query);
    query.set('per_page', String(perPage));
    query.set('page', String(n));
    return `<${ctx.apiUrl}${ctx.path}?${query.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${url(page - 1)}; rel="prev"`);
  if (page < lastPage) links.push(`${url(page + 1)}; rel="next"`, `${url(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${url(1)}; rel="first"`);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  return links.length > 0 ? { page: slice, link: links.join(', ') } : { page: slice };
}
