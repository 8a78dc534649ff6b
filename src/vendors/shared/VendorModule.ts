import type { VendorResponse } from './VendorHttp.js';
import type { LimitFunction } from 'p-limit';
import type { BatchObserver } from './observedBatch.js';
import type { Logger } from 'pino';
import type { NodeModel, Source } from '../../models.js';
import type { SharedTokenStore } from './SharedTokenStore.js';
import type { TicketFeed } from './TicketFeed.js';
import type { VendorHttp } from './VendorHttp.js';

/** The process environment as the configuration reads it (empty values already removed). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What every vendor configuration has: the origin its documented paths live under. */
export interface VendorConfigBase {
  baseUrl: string;
}

/** Built once at start-up by the core and handed to `createClient`. */
export interface ClientDeps {
  /** The vendor's one HTTP client (`got` instance, timeout, transport error mapping). */
  http: VendorHttp;
  logger: Logger;
  /** Where replicas share service tokens (`REDIS_URL` set); absent: each process keeps its own. */
  tokens?: SharedTokenStore;
}

/** What the core knows of one request, handed to `createSource`. */
export interface RequestScope {
  /** A request header (lower-case name), trimmed; undefined when absent or empty. */
  header(name: string): string | undefined;
  /** Whether this caller may use the gateway's service credentials (demo mode, a valid API key, or anonymous lending). */
  lendService: boolean;
  /**
   * This request's concurrency limit for calls to this vendor. Every vendor call runs through it,
   * which also carries `signal` to the call (`callerSignal`): a read queued here after the client left is never sent.
   */
  limit: LimitFunction;
  /** Told each DataLoader batch's size, for `tessera_loader_batch_keys`. */
  observeBatch: BatchObserver;
  /** Fires when the client goes away before its answer; undefined outside an HTTP request (unit tests). */
  signal?: AbortSignal;
}

/** How demo mode runs a vendor on its simulator. */
export interface VendorDemo {
  /** The simulator's name in `src/simulators/index.ts` (`npm run sim -- <name>`). */
  simulator: string;
  /** The environment that points the vendor at a simulator listening on `url`, with the demo's service credentials. */
  env(url: string): Record<string, string>;
  /** Lines for the start banner: who the demo acts as and which header changes it. */
  banner: string[];
  /** Request headers that act as another demo user, pre-filled in the playground's "act as" tab, with whom they act as. */
  actAs?: { headers: Readonly<Record<string, string>>; who: string };
}

/** `node(id)` for one GraphQL type: the record, or null when the vendor has none with this ID. */
export type NodeFetcher<S> = (source: S, nativeId: string) => Promise<NodeModel | null>;

/**
 * A vendor, as the gateway core sees it. Each vendor folder exports one of these, and the
 * core (configuration, upstream clients, per-request context, `node` resolution, demo mode,
 * start banner) only loops over the registered ones (`src/vendors/index.ts`).
 */
export interface VendorModule<Name extends string = string, C extends VendorConfigBase = VendorConfigBase, Client = unknown, S = unknown> {
  /** The context key (`ctx.zammad`) and the simulator's name. */
  name: Name;
  source: Source;
  /** The variable whose presence configures this vendor (and switches the gateway to live mode). */
  baseUrlVariable: string;
  /** Every environment variable it reads, for messages and the README. */
  variables: readonly string[];
  /**
   * Reads and validates the vendor's variables. Undefined when its base URL is unset (the
   * vendor is then absent). Throws `ConfigError` naming the variable, never its value.
   */
  configure(env: Env): C | undefined;
  /** Whether the configuration holds credentials the gateway may lend (`TESSERA_API_KEYS` then becomes mandatory). */
  hasServiceCredentials(config: C): boolean;
  /** Request headers that carry a caller's own credentials for this vendor, with what each means. */
  credentialHeaders: Readonly<Record<string, string>>;
  /** Whether a 2xx answer's envelope reports a failure (such answers are never cached); absent: the status alone tells. */
  failedUnder2xx?(response: VendorResponse): boolean;
  /** Builds the vendor's client once at start-up. */
  createClient(config: C, deps: ClientDeps): Client;
  /** Builds the per-request source (credentials, loaders) that resolvers call. */
  createSource(client: Client, scope: RequestScope): S;
  /**
   * The GraphQL types whose global IDs this vendor issues. A fetcher means `node(id)` can
   * read one; null means the type has IDs but is reached through its parent.
   */
  idTypes: Readonly<Record<string, NodeFetcher<S> | null>>;
  /** For vendors that have tickets: how the merged `tickets` connection reads them from the per-request source. */
  ticketFeed?: (source: S) => TicketFeed;
  /** Loaded only in demo mode, so live mode never loads simulator code. */
  demo(): Promise<VendorDemo>;
}
