import type { RouteTable } from '../createRouteTable.js';
import { canAccess } from '../canAccess.js';
import { HttpError } from '../HttpError.js';
import { dreamreflexMessages as m } from '../messages.js';
import { parseObjectId } from '../objectId.js';
import { readJsonBody } from '../readBody.js';
import type { BusinessAccountRecord } from '../records.js';
import { RequestCheck, type BodyRules } from '../RequestCheck.js';
import type { RouteDeps } from '../RouteDeps.js';
import { toBusinessAccountJson } from '../serialize.js';

/** The fields a user may fill in; assigned_email and user_code are set by an admin. */
const editableFields = ['company_name', 'tax_number', 'certification_info', 'communication_address', 'contact_person_name', 'contact_phone'] as const;
type EditableField = (typeof editableFields)[number];

const profileRules: BodyRules = {
  company_name: { kind: 'string', maxLength: 128 },
  tax_number: { kind: 'string', maxLength: 64 },
  certification_info: { kind: 'string', maxLength: 512 },
  communication_address: { kind: 'string', maxLength: 256 },
  contact_person_name: { kind: 'string', maxLength: 64 },
  contact_phone: { kind: 'string', maxLength: 32 },
};

export function registerBusinessAccountRoutes(routes: RouteTable, { state, tokens, clock, newId }: RouteDeps): void {
  const accountOf = (email: string) => state.businessAccounts.find((a) => a.owner_email === email);

  routes.add('GET', '/api/business-accounts/me', async (req, res) => {
    const user = await tokens.authenticate(req);
    const account = accountOf(user.email);
    if (!account) throw new HttpError(404, m.businessAccountNotFound);
    res.json(toBusinessAccountJson(account));
  });

  routes.add('POST', '/api/business-accounts/me/apply', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, profileRules);
    check.done();
    // Any existing record blocks a new application, whatever its status.
    if (accountOf(user.email)) throw new HttpError(400, m.businessAccountExists);
    const account: BusinessAccountRecord = {
      id: newId(),
      owner_email: user.email,
      status: 'pending',
      assigned_email: null,
      user_code: null,
      company_name: null,
      tax_number: null,
      certification_info: null,
      communication_address: null,
      contact_person_name: null,
      contact_phone: null,
      created_at: clock.now(),
      updated_at: null,
    };
    for (const field of editableFields) if (field in body) account[field] = body[field] as string | null;
    state.businessAccounts.push(account);
    res.status(201).json(toBusinessAccountJson(account));
  });

  routes.add('PATCH', '/api/business-accounts/me', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, profileRules);
    check.done();
    const account = accountOf(user.email);
    if (!account) throw new HttpError(404, m.businessAccountNotFound);
    const fields = Object.keys(body) as EditableField[];
    // An empty patch changes nothing (the doc lists no 400 for it).
    if (fields.length > 0) {
      for (const field of fields) account[field] = body[field] as string | null;
      account.updated_at = clock.now();
    }
    res.json(toBusinessAccountJson(account));
  });

  routes.add('GET', '/api/business-accounts/:account_id', async (req, res) => {
    const user = await tokens.authenticate(req);
    const id = parseObjectId(req.params.account_id as string);
    const account = id === null ? undefined : state.businessAccounts.find((a) => a.id === id);
    if (!account) throw new HttpError(404, m.businessAccountNotFound);
    if (!canAccess(user, account.owner_email)) throw new HttpError(403, m.businessAccountForbidden);
    res.json(toBusinessAccountJson(account));
  });
}
