import type { Request, RequestHandler, Response, Router } from 'express';
import { HttpError } from './HttpError.js';
import { dreamreflexMessages } from './messages.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type RouteHandler = (req: Request, res: Response) => Promise<void> | void;

export interface RouteTable {
  /** Serves `method path` (an express pattern such as `/api/tickets/:ticket_id`, which is also the request-counter key). */
  add(method: HttpMethod, path: string, handler: RouteHandler): void;
  /** Answers what no route served: 405 when another method serves the path, else 404, both as FastAPI words them. */
  fallback(): RequestHandler;
}

/** Sends an error as FastAPI does: `{"detail": ...}`; anything unexpected is a logged 500. */
export function sendError(res: Response, err: unknown, log: (line: string) => void): void {
  if (err instanceof HttpError) {
    res.status(err.status).set(err.headers).json({ detail: err.detail });
    return;
  }
  log(`[dreamreflex] unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  res.status(500).json({ detail: dreamreflexMessages.internalError });
}

function patternToRegExp(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

export function createRouteTable(router: Router, log: (line: string) => void): RouteTable {
  const known: { method: HttpMethod; pattern: RegExp }[] = [];
  return {
    add(method, path, handler) {
      known.push({ method, pattern: patternToRegExp(path) });
      const serve: RequestHandler = async (req, res) => {
        try {
          await handler(req, res);
        } catch (err) {
          sendError(res, err, log);
        }
      };
      switch (method) {
        case 'GET': router.get(path, serve); break;
        case 'POST': router.post(path, serve); break;
        case 'PUT': router.put(path, serve); break;
        case 'PATCH': router.patch(path, serve); break;
        case 'DELETE': router.delete(path, serve); break;
      }
    },
    fallback() {
      return (req, res) => {
        const allowed = [...new Set(known.filter((route) => route.pattern.test(req.path)).map((route) => route.method))];
        if (allowed.length > 0) {
          res.status(405).set('Allow', allowed.join(', ')).json({ detail: dreamreflexMessages.methodNotAllowed });
        } else {
          res.status(404).json({ detail: dreamreflexMessages.notFound });
        }
      };
    },
  };
}
