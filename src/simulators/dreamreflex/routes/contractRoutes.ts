import type { RouteTable } from '../createRouteTable.js';
import { canAccess } from '../canAccess.js';
import { HttpError } from '../HttpError.js';
import { dreamreflexMessages as m } from '../messages.js';
import { parseObjectId } from '../objectId.js';
import { paginate } from '../paginate.js';
import { readJsonBody } from '../readBody.js';
import type { ContractRecord } from '../records.js';
import { RequestCheck, type BodyRules } from '../RequestCheck.js';
import type { RouteDeps } from '../RouteDeps.js';
import { toContractJson } from '../serialize.js';

const signStatusRules: BodyRules = { is_signed: { kind: 'boolean', required: true } };

export function registerContractRoutes(routes: RouteTable, { state, tokens, clock }: RouteDeps): void {
  function findContract(id: string): ContractRecord {
    const objectId = parseObjectId(id);
    const contract = objectId === null ? undefined : state.contracts.find((c) => c.id === objectId);
    if (!contract) throw new HttpError(404, m.contractNotFound);
    return contract;
  }

  routes.add('GET', '/api/contracts/me', async (req, res) => {
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const skip = check.int('skip', { default: 0, ge: 0 });
    const limit = check.int('limit', { default: 10, ge: 1, le: 100 });
    check.done();
    res.json(paginate(state.contracts.filter((c) => c.owner_email === user.email), skip, limit, toContractJson));
  });

  routes.add('GET', '/api/contracts/:contract_id', async (req, res) => {
    const user = await tokens.authenticate(req);
    const contract = findContract(req.params.contract_id as string);
    if (!canAccess(user, contract.owner_email)) throw new HttpError(403, m.contractForbidden);
    res.json(toContractJson(contract));
  });

  routes.add('PATCH', '/api/contracts/:contract_id/sign-status', async (req, res) => {
    const raw = readJsonBody(req);
    const user = await tokens.authenticate(req);
    const check = new RequestCheck(req);
    const body = check.body(raw, signStatusRules);
    check.done();
    const contract = findContract(req.params.contract_id as string);
    if (!canAccess(user, contract.owner_email)) throw new HttpError(403, m.contractSignForbidden);
    contract.is_signed = body.is_signed as boolean;
    contract.updated_at = clock.now();
    res.json(toContractJson(contract));
  });
}
