import { ConfigError } from '../ConfigError.js';
import type { Source } from '../models.js';
import { routeTemplate } from '../observability/routeTemplate.js';

/**
 * How long a vendor's GET answers stay fresh, by route: the rules of `TESSERA_CACHE_TTLS`, a
 * comma-separated list of `<vendor>:<route>=<seconds>` (a route template as `/metrics` shows it,
 * `/api/v1/device/:id/info`; a trailing `*` matches every route it starts), or `<vendor>=<seconds>`
 * for the rest of that vendor. `0` never caches. Most specific wins: exact route, longest
 * prefix, the vendor's rule, then `TESSERA_CACHE_TTL_SECONDS`.
 */
export interface CacheTtls {
  /** Seconds an answer of `GET path` stays fresh; 0: never cached. */
  secondsFor(source: Source, path: string): number;
  /** The longest any rule keeps an answer fresh (what stored entries and their generations must outlive). */
  readonly maxSeconds: number;
}

interface VendorRules {
  exact: Map<string, number>;
  /** Longest prefix first. */
  prefixes: { prefix: string; seconds: number }[];
  otherwise: number | undefined;
}

const MAX_TTL_SECONDS = 7 * 86_400;

export function parseCacheTtls(text: string | undefined, defaultSeconds: number, sources: readonly Source[]): CacheTtls {
  const byVendor = new Map<string, VendorRules>();
  let maxSeconds = defaultSeconds;
  for (const rule of (text ?? '').split(',').map((r) => r.trim()).filter(Boolean)) {
    const equals = rule.lastIndexOf('=');
    const target = rule.slice(0, Math.max(equals, 0)).trim();
    const secondsText = rule.slice(equals + 1).trim();
    const colon = target.indexOf(':');
    const vendor = (colon < 0 ? target : target.slice(0, colon)).trim().toLowerCase();
    const route = colon < 0 ? undefined : target.slice(colon + 1).trim();
    const seconds = Number(secondsText);
    // The rule is not echoed: a mistyped rule could hold something pasted by mistake.
    if (equals < 0 || !/^\d+$/.test(secondsText) || seconds > MAX_TTL_SECONDS) {
      throw new ConfigError(`Invalid configuration: TESSERA_CACHE_TTLS rules are <vendor>[:<route>]=<seconds> (0–${MAX_TTL_SECONDS})`);
    }
    if (!sources.some((source) => source.toLowerCase() === vendor)) {
      throw new ConfigError(`Invalid configuration: TESSERA_CACHE_TTLS names a vendor that is not one of ${sources.map((s) => s.toLowerCase()).join(', ')}`);
    }
    if (route !== undefined && !route.startsWith('/')) throw new ConfigError('Invalid configuration: TESSERA_CACHE_TTLS routes start with `/`');
    let rules = byVendor.get(vendor);
    if (!rules) byVendor.set(vendor, (rules = { exact: new Map(), prefixes: [], otherwise: undefined }));
    if (route === undefined || route === '*' || route === '/*') rules.otherwise = seconds;
    else if (route.endsWith('*')) rules.prefixes.push({ prefix: route.slice(0, -1), seconds });
    else rules.exact.set(route, seconds);
    maxSeconds = Math.max(maxSeconds, seconds);
  }
  for (const rules of byVendor.values()) rules.prefixes.sort((a, b) => b.prefix.length - a.prefix.length);

  return {
    maxSeconds,
    secondsFor(source, path) {
      const rules = byVendor.get(source.toLowerCase());
      if (!rules) return defaultSeconds;
      const route = routeTemplate(path);
      return rules.exact.get(route) ?? rules.prefixes.find((p) => route.startsWith(p.prefix))?.seconds ?? rules.otherwise ?? defaultSeconds;
    },
  };
}
