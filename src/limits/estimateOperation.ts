import {
  getArgumentValues,
  getNamedType,
  getVariableValues,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { FIELD_COSTS, UNBOUNDED_LIST_GUESS, type FieldCost } from './fieldCosts.js';

/** What an operation would cost, worked out from the document and its variables alone. */
export interface OperationEstimate {
  /** Upper estimate of the vendor calls it makes (see `fieldCosts.ts` for the model). */
  vendorCalls: number;
  /** The largest ID list one field was given, and which field. */
  largestIdList: { field: string; count: number } | null;
  /** The credential-checking or e-mail-sending fields it runs, by response key order. */
  sensitiveFields: string[];
  /** Whether the walk gave up on a document too intricate to estimate (then `vendorCalls` is Infinity). */
  gaveUp: boolean;
}

/** Fields visited before the estimate gives up: far above anything the token and depth limits let through. */
const MAX_VISITS = 100_000;
/** Multipliers are capped so that nested lists never overflow into NaN. */
const CAP = 1e12;

/**
 * The static cost model. Walking the operation that will run, with its variables:
 *
 * - a field costs its `FIELD_COSTS` rule's `calls` once per item of its parent (the product of
 *   the item counts of the lists above it), plus its `shared` reads once per operation;
 * - a list field's selection is counted `items` times (`first`, the number of IDs, …; a list
 *   without a bound: `UNBOUNDED_LIST_GUESS`); a connection's `edges`/`nodes` are its items;
 * - on an interface or union, an item costs what the costliest of its possible types costs;
 * - fields of the same response key are merged as execution merges them; `@skip`/`@include`
 *   are ignored (the estimate counts both branches).
 *
 * Null when the variables do not coerce: execution refuses those before any resolver runs.
 */
export function estimateOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Readonly<Record<string, unknown>>,
  now = Date.now(),
): OperationEstimate | null {
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
  if (coerced.errors) return null;
  const variables = coerced.coerced;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);

  const sharedReads = new Set<string>();
  const sensitiveFields: string[] = [];
  let largestIdList: OperationEstimate['largestIdList'] = null;
  let visits = 0;

  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return null;
  const isRoot = (type: GraphQLObjectType) => type === root;

  /** An item of `type` (an object, interface or union), `multiplier` times. */
  const selectionCost = (type: GraphQLCompositeType, selectionSet: SelectionSetNode, multiplier: number): number => {
    if (!isAbstractType(type)) return objectCost(type, selectionSet, multiplier);
    let costliest = 0;
    for (const possible of schema.getPossibleTypes(type)) costliest = Math.max(costliest, objectCost(possible, selectionSet, multiplier));
    return costliest;
  };

  const objectCost = (type: GraphQLObjectType, selectionSet: SelectionSetNode, multiplier: number): number => {
    let total = 0;
    for (const [responseKey, nodes] of collectFields(schema, type, selectionSet, fragments)) {
      if (++visits > MAX_VISITS) throw new GaveUp();
      const node = nodes[0]!;
      const name = node.name.value;
      if (name.startsWith('__')) continue;
      const field = type.getFields()[name];
      if (!field) continue;
      const coordinate = `${type.name}.${name}`;
      const cost = costOf(coordinate, field, node, variables, isRoot(type), now);
      if (cost.ids !== undefined && (!largestIdList || cost.ids > largestIdList.count)) largestIdList = { field: coordinate, count: cost.ids };
      if (cost.sensitive) sensitiveFields.push(responseKey === name ? name : `${responseKey}: ${name}`);
      for (const read of cost.shared ?? []) sharedReads.add(read);
      total = Math.min(CAP, total + multiplier * (cost.calls ?? 0));

      const named = getNamedType(field.type);
      if (!isCompositeType(named)) continue;
      const items = cost.items ?? (isList(field.type) && !isConnectionList(type, name) ? UNBOUNDED_LIST_GUESS : 1);
      const childMultiplier = Math.min(CAP, multiplier * items);
      for (const child of nodes) if (child.selectionSet) total = Math.min(CAP, total + selectionCost(named, child.selectionSet, childMultiplier));
    }
    return total;
  };

  try {
    const calls = objectCost(root, operation.selectionSet, 1);
    return { vendorCalls: Math.min(CAP, calls + sharedReads.size), largestIdList, sensitiveFields, gaveUp: false };
  } catch (error) {
    if (!(error instanceof GaveUp)) throw error;
    return { vendorCalls: Number.POSITIVE_INFINITY, largestIdList, sensitiveFields, gaveUp: true };
  }
}

class GaveUp extends Error {}

function costOf(
  coordinate: string,
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
  atRoot: boolean,
  now: number,
): FieldCost {
  const rule = FIELD_COSTS[coordinate];
  if (!rule) return atRoot ? { calls: 1 } : {};
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(field, node, variables);
  } catch {
    // An argument that does not coerce fails the field before its resolver runs.
    args = {};
  }
  return rule(args, now);
}

function isList(type: GraphQLOutputType): boolean {
  return isListType(isNonNullType(type) ? type.ofType : type);
}

/** A connection's `edges` and `nodes` are the items its field already counted. */
function isConnectionList(parent: GraphQLObjectType, field: string): boolean {
  return parent.name.endsWith('Connection') && (field === 'edges' || field === 'nodes');
}

/**
 * The fields an object of `type` gets from a selection set, by response key, as execution
 * collects them: inline fragments and spreads whose type condition the object satisfies.
 */
function collectFields(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  selectionSet: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  into = new Map<string, FieldNode[]>(),
  visited = new Set<string>(),
): Map<string, FieldNode[]> {
  for (const selection of selectionSet.selections) {
    switch (selection.kind) {
      case Kind.FIELD: {
        const key = selection.alias?.value ?? selection.name.value;
        const nodes = into.get(key);
        if (nodes) nodes.push(selection);
        else into.set(key, [selection]);
        break;
      }
      case Kind.INLINE_FRAGMENT:
        if (!selection.typeCondition || applies(schema, selection.typeCondition.name.value, type)) collectFields(schema, type, selection.selectionSet, fragments, into, visited);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || visited.has(fragment.name.value)) break;
        visited.add(fragment.name.value);
        if (applies(schema, fragment.typeCondition.name.value, type)) collectFields(schema, type, fragment.selectionSet, fragments, into, visited);
        break;
      }
    }
  }
  return into;
}

function applies(schema: GraphQLSchema, condition: string, type: GraphQLObjectType): boolean {
  const conditionType = schema.getType(condition);
  if (conditionType === type) return true;
  return conditionType !== undefined && isAbstractType(conditionType) && schema.isSubType(conditionType, type);
}
