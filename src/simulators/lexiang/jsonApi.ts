import type { Response } from 'express';
import type { FieldErrors } from './teamInput.js';
import type { TeamRecord } from './teamStore.js';

export const JSON_API_MEDIA_TYPE = 'application/vnd.api+json';

/** Sends a JSON:API document (`Content-Type: application/vnd.api+json`). */
export function sendJsonApi(res: Response, status: number, body: unknown): void {
  res.status(status).type(JSON_API_MEDIA_TYPE).send(JSON.stringify(body));
}

export function detailError(detail: string): { errors: { detail: string } } {
  return { errors: { detail } };
}

export function fieldErrors(errors: FieldErrors): { errors: FieldErrors } {
  return { errors };
}

/** The doc's 404 wording, backticks included. */
export function teamNotFound(id: string): { errors: { detail: string } } {
  return detailError(`不存在ID为\`${id}\`的team资源`);
}

export function teamResource(team: TeamRecord) {
  return {
    type: 'team',
    id: team.id,
    attributes: {
      name: team.name,
      code: team.code,
      signature: team.signature,
      type: team.type,
      is_secret: team.isSecret,
      logo: team.logo,
      created_at: formatChinaTime(team.createdAt),
    },
  };
}

/**
 * A Laravel length-aware page: `links` carry only `?page=N` (the doc's example drops
 * `per_page` from them), `from`/`to` are null on an empty page.
 */
export function paginate<T>(items: readonly T[], page: number, perPage: number, path: string) {
  const total = items.length;
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const from = slice.length > 0 ? (page - 1) * perPage + 1 : null;
  const pageUrl = (n: number) => `${path}?page=${n}`;
  return {
    data: slice,
    links: {
      first: pageUrl(1),
      last: pageUrl(lastPage),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page < lastPage ? pageUrl(page + 1) : null,
    },
    meta: {
      current_page: page,
      from,
      last_page: lastPage,
      path,
      per_page: perPage,
      to: from === null ? null : from + slice.length - 1,
      total,
    },
  };
}

/** `2019-09-19 15:21:26`: Laravel's default format, in China Standard Time (UTC+8, no DST). */
export function formatChinaTime(ms: number): string {
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}
