import type { Clock } from '../kit/index.js';
import type { TokenService } from './createTokenService.js';
import type { DreamreflexState } from './records.js';

/** What every route module is given; all of it belongs to one simulator instance. */
export interface RouteDeps {
  readonly state: DreamreflexState;
  readonly tokens: TokenService;
  readonly clock: Clock;
  readonly log: (line: string) => void;
  readonly newId: () => string;
}
