import type { RouteTable } from '../createRouteTable.js';
import { HttpError } from '../HttpError.js';
import { dreamreflexMessages as m } from '../messages.js';
import { readJsonBody } from '../readBody.js';
import type { ContactMessageRecord } from '../records.js';
import { RequestCheck, type BodyRules } from '../RequestCheck.js';
import type { RouteDeps } from '../RouteDeps.js';
import { toContactMessageJson } from '../serialize.js';

// The e-mail is deliberately a plain string: the doc says it is not format-checked.
const contactRules: BodyRules = {
  name: { kind: 'string', required: true },
  email: { kind: 'string', required: true },
  message: { kind: 'string', required: true },
  turnstileToken: { kind: 'string', required: true },
};

/**
 * Stands in for Cloudflare Turnstile's siteverify: any non-blank token passes except
 * the literal `invalid`, which lets tests exercise the failure.
 */
function turnstileAccepts(token: string): boolean {
  return token.trim() !== '' && token !== 'invalid';
}

export function registerContactRoutes(routes: RouteTable, { state, clock, log, newId }: RouteDeps): void {
  routes.add('POST', '/api/owa/info', (req, res) => {
    const check = new RequestCheck(req);
    const body = check.body(readJsonBody(req), contactRules);
    check.done();
    if (!turnstileAccepts(body.turnstileToken as string)) throw new HttpError(400, m.turnstileFailed);
    const message: ContactMessageRecord = {
      id: newId(),
      name: body.name as string,
      email: body.email as string,
      message: body.message as string,
      is_processed: false,
      admin_notes: null,
      created_at: clock.now(),
    };
    state.contactMessages.push(message);
    log(`[dreamreflex] contact message ${message.id} from ${message.name}; notification sent to the administrators`);
    res.status(201).json(toContactMessageJson(message));
  });
}
