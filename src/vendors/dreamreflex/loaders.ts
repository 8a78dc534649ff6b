import DataLoader from 'dataloader';
import type { LimitFunction } from 'p-limit';
import { ErrorCode, TesseraError } from '../../errors.js';
import type { BusinessAccountModel, ContractModel, DreamreflexTicketModel, ProjectModel } from '../../models.js';
import type { DreamreflexAuth, DreamreflexClient } from './client.js';
import { businessAccountOf, contractOf, projectOf, ticketOf } from './mapping.js';

export interface DreamreflexLoaders {
  ticketById: DataLoader<string, DreamreflexTicketModel | null>;
  contractById: DataLoader<string, ContractModel | null>;
  projectById: DataLoader<string, ProjectModel | null>;
  businessAccountById: DataLoader<string, BusinessAccountModel | null>;
}

/**
 * Per-request loaders, keyed by Dreamreflex's native ID. Dreamreflex has no bulk read, so a
 * batch is one GET per distinct key, run under the request's concurrency limit; the loader's
 * value is de-duplication (aliases, `node`, nested references cost one call). A 404 is
 * `null`; any other failure is that key's error.
 */
export function createDreamreflexLoaders(client: DreamreflexClient, auth: DreamreflexAuth, limit: LimitFunction): DreamreflexLoaders {
  function byId<Raw, Model>(get: (auth: DreamreflexAuth, id: string) => Promise<Raw>, map: (raw: Raw) => Model) {
    return new DataLoader<string, Model | null>((ids) =>
      Promise.all(ids.map((id) => limit(() => get.call(client, auth, id)).then(map, nullIfNotFound))),
    );
  }
  return {
    ticketById: byId(client.getTicket, ticketOf),
    contractById: byId(client.getContract, contractOf),
    projectById: byId(client.getProject, projectOf),
    businessAccountById: byId(client.getBusinessAccount, businessAccountOf),
  };
}

function nullIfNotFound(error: unknown): null | Error {
  if (error instanceof TesseraError && error.code === ErrorCode.NOT_FOUND) return null;
  return error instanceof Error ? error : new Error(String(error));
}
