import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * Walking the selection of the field being resolved, for resolvers that let a vendor plan its
 * reads by what the query asks for. Fragments count whatever their type condition or
 * directives: the answer is a superset, so a plan made from it may read more than needed but
 * never less.
 */

/** The selection sets of the field being resolved (one per occurrence of it in the query). */
export function ownSelections(info: GraphQLResolveInfo): SelectionSetNode[] {
  return info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
}

/** The selection sets reached from `sets` down the fields named by `path`. */
export function under(info: GraphQLResolveInfo, sets: SelectionSetNode[], path: string[]): SelectionSetNode[] {
  return path.reduce((current, name) => current.flatMap((set) => fieldsIn(info, set).flatMap((field) => (field.name.value === name && field.selectionSet ? [field.selectionSet] : []))), sets);
}

/** The names of the fields the sets select. */
export function namesIn(info: GraphQLResolveInfo, sets: SelectionSetNode[]): Set<string> {
  return new Set(sets.flatMap((set) => fieldsIn(info, set).map((field) => field.name.value)));
}

/** The fields of a selection set, through its inline fragments and fragment spreads. */
function fieldsIn(info: GraphQLResolveInfo, set: SelectionSetNode, visited = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection) => {
    if (selection.kind === Kind.FIELD) return [selection];
    if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsIn(info, selection.selectionSet, visited);
    const fragment = info.fragments[selection.name.value];
    if (!fragment || visited.has(fragment.name.value)) return [];
    visited.add(fragment.name.value);
    return fieldsIn(info, fragment.selectionSet, visited);
  });
}
