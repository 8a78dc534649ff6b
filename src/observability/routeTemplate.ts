/**
 * The route of a vendor path, for metric labels and span attributes: every segment that does not
 * look like a fixed word of the vendor's API (`tickets`, `device_types`, `v1`, `cgi-bin`) becomes
 * `:id`, so `/api/v1/device/a1b2/info` is `/api/v1/device/:id/info`. The paths reaching here carry
 * no query string. A letters-only ID would pass as a word; `createRouteLabels` caps what that costs.
 */
export function routeTemplate(path: string): string {
  return path
    .split('/')
    .map((segment) => (segment === '' || /^(?:[a-z][a-z_-]{0,39}|v\d{1,2})$/i.test(segment) ? segment : ':id'))
    .join('/');
}

/** Routes beyond this many per vendor are labelled `other`: a label's values must stay few, whatever IDs callers send. */
export const MAX_ROUTES_PER_VENDOR = 200;

/** `routeTemplate`, with at most `MAX_ROUTES_PER_VENDOR` distinct routes per vendor (later ones become `other`). */
export function createRouteLabels(maxRoutes = MAX_ROUTES_PER_VENDOR): (vendor: string, method: string, path: string) => string {
  const seen = new Map<string, Set<string>>();
  return (vendor, method, path) => {
    const route = routeTemplate(path);
    let routes = seen.get(vendor);
    if (!routes) seen.set(vendor, (routes = new Set()));
    const key = `${method} ${route}`;
    if (routes.has(key)) return route;
    if (routes.size >= maxRoutes) return 'other';
    routes.add(key);
    return route;
  };
}
