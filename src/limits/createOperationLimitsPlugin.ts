import type { ApolloServerPlugin } from '@apollo/server';
import { ErrorCode, LimitExceededError } from '../errors.js';
import { estimateOperation } from './estimateOperation.js';
import type { QueryLimits } from './QueryLimits.js';

/**
 * Refuses, after validation and before execution, an operation whose static estimate is over the
 * limits: too many IDs in one `nodes`/`_entities`, more credential-checking or e-mail-sending
 * fields than allowed, or more estimated vendor calls than allowed. It runs here
 * rather than as a validation rule because list sizes often come in variables, which validation
 * never sees. Nothing has been sent to a vendor yet; the answer is HTTP 400.
 */
export function createOperationLimitsPlugin(limits: Pick<QueryLimits, 'maxEstimatedVendorCalls' | 'maxNodeIds' | 'maxSensitiveMutations'>): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation: execution reports that, before any resolver.
          if (!operation) return;
          const estimate = estimateOperation(schema, document, operation, request.variables ?? {});
          if (!estimate) return;
          const { largestIdList, sensitiveFields, vendorCalls } = estimate;
          if (largestIdList && largestIdList.count > limits.maxNodeIds) {
            throw new LimitExceededError(
              `"${largestIdList.field}" was given ${largestIdList.count} IDs; at most ${limits.maxNodeIds} are read in one request.`,
              { name: 'nodeIds', max: limits.maxNodeIds, found: largestIdList.count },
              { code: ErrorCode.BAD_USER_INPUT, httpStatus: 400 },
            );
          }
          if (sensitiveFields.length > limits.maxSensitiveMutations) {
            throw new LimitExceededError(
              `The operation checks credentials or sends e-mail ${sensitiveFields.length} times (${sensitiveFields.slice(0, 5).join(', ')}); ` +
                `at most ${limits.maxSensitiveMutations} such field${limits.maxSensitiveMutations === 1 ? ' is' : 's are'} allowed per request.`,
              { name: 'sensitiveMutations', max: limits.maxSensitiveMutations, found: sensitiveFields.length },
              { httpStatus: 400 },
            );
          }
          if (vendorCalls > limits.maxEstimatedVendorCalls) {
            const found = Number.isFinite(vendorCalls) ? Math.ceil(vendorCalls) : undefined;
            throw new LimitExceededError(
              `The operation could take ${found === undefined ? 'too many' : `up to ${found}`} vendor calls; the limit is ${limits.maxEstimatedVendorCalls} per request. ` +
                'Ask for fewer items (`first`, IDs), fewer vendor-backed fields per item, or split the operation.',
              { name: 'estimatedVendorCalls', max: limits.maxEstimatedVendorCalls, ...(found !== undefined && { found }) },
              { httpStatus: 400 },
            );
          }
        },
      };
    },
  };
}
