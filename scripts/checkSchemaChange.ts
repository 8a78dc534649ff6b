import { ChangeType, CriticalityLevel, diff, type Change, type Rule } from '@graphql-inspector/core';
import { buildSchema, isInterfaceType, isObjectType, print, type GraphQLSchema } from 'graphql';
import { z } from 'zod';

/**
 * A breaking change someone decided to make anyway: the change's message exactly as the
 * checker prints it, and why. `schema` limits it to one printed file (`tessera.graphql` or
 * `tessera.subgraph.graphql`); without it, it holds for both.
 */
export interface Acknowledgement {
  message: string;
  reason: string;
  schema?: string;
}

const acknowledgementsFile = z.object({
  about: z.string().optional(),
  acknowledged: z.array(
    z.strictObject({
      message: z.string().min(1),
      reason: z
        .string()
        .trim()
        .min(1, 'every acknowledgement needs a reason')
        .refine((reason) => !/^TODO\b/i.test(reason), 'replace the TODO with the reason'),
      schema: z.string().min(1).optional(),
    }),
  ),
});

/** Reads `acknowledged-breaking-changes.json`; throws naming the entry that is malformed. */
export function parseAcknowledgements(json: string): Acknowledgement[] {
  const parsed = acknowledgementsFile.safeParse(JSON.parse(json));
  if (!parsed.success) {
    throw new Error(`Invalid acknowledgements: ${parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  }
  return parsed.data.acknowledged;
}

export interface SchemaChangeReport {
  /** Every change from the committed SDL to the current one. */
  changes: Change[];
  /** Breaking changes an acknowledgement covers, with its reason. */
  acknowledged: { change: Change; reason: string }[];
  /** Breaking changes no acknowledgement covers: the check fails on these. */
  refused: Change[];
}

/**
 * An entity's keys are a subgraph's contract: every other subgraph that refers to the entity
 * uses one, and its composition fails when the key is gone or changed (fields, `resolvable`).
 * graphql-inspector sees only directive usages (DANGEROUS, argument by argument); this rule
 * replaces those with one change per key: removed (BREAKING) or added (NON_BREAKING).
 */
export const federationKeysAreContract: Rule = ({ changes, oldSchema, newSchema }) => {
  const before = keysOf(oldSchema);
  const after = keysOf(newSchema);
  const keyChange = (key: EntityKey, removed: boolean): Change => ({
    type: key.isInterface
      ? removed ? ChangeType.DirectiveUsageInterfaceRemoved : ChangeType.DirectiveUsageInterfaceAdded
      : removed ? ChangeType.DirectiveUsageObjectRemoved : ChangeType.DirectiveUsageObjectAdded,
    message: `Key ${key.directive} was ${removed ? 'removed from' : 'added to'} '${key.type}'`,
    path: `${key.type}.@key`,
    meta: { [key.isInterface ? 'interfaceName' : 'objectName']: key.type, [removed ? 'removedDirectiveName' : 'addedDirectiveName']: 'key', directiveRepeatedTimes: 1 },
    criticality: removed
      ? { level: CriticalityLevel.Breaking, reason: 'Other subgraphs refer to this entity by this key; composing them fails without it.' }
      : { level: CriticalityLevel.NonBreaking },
  });
  return [
    ...changes.filter((change) => !isKeyUsageChange(change)),
    ...[...before.values()].filter((key) => !after.has(key.id)).map((key) => keyChange(key, true)),
    ...[...after.values()].filter((key) => !before.has(key.id)).map((key) => keyChange(key, false)),
  ];
};

interface EntityKey {
  id: string;
  type: string;
  isInterface: boolean;
  /** The directive as printed, e.g. `@key(fields: "id")`. */
  directive: string;
}

function keysOf(schema: GraphQLSchema | null): Map<string, EntityKey> {
  const keys = new Map<string, EntityKey>();
  for (const type of Object.values(schema?.getTypeMap() ?? {})) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    const nodes = [type.astNode, ...type.extensionASTNodes];
    for (const directive of nodes.flatMap((node) => node?.directives ?? [])) {
      if (directive.name.value !== 'key') continue;
      const printed = print(directive);
      keys.set(`${type.name} ${printed}`, { id: `${type.name} ${printed}`, type: type.name, isInterface: isInterfaceType(type), directive: printed });
    }
  }
  return keys;
}

function isKeyUsageChange(change: Change): boolean {
  const meta = change.meta as { addedDirectiveName?: string; removedDirectiveName?: string; directiveName?: string };
  return change.type.startsWith('DIRECTIVE_USAGE_') && (meta.addedDirectiveName ?? meta.removedDirectiveName ?? meta.directiveName) === 'key';
}

/**
 * Diffs the committed SDL against the current one with graphql-inspector (plus the federation
 * key rule) and sorts the breaking changes into acknowledged and refused.
 */
export async function checkSchemaChange(options: {
  /** The printed file's name, matched against an acknowledgement's `schema`. */
  schema: string;
  /** The committed SDL; null when there is none yet (everything is new, nothing breaks). */
  committed: string | null;
  current: string;
  acknowledgements: readonly Acknowledgement[];
}): Promise<SchemaChangeReport> {
  const { schema, committed, current, acknowledgements } = options;
  const changes = committed === null ? [] : await diff(buildSchema(committed), buildSchema(current), [federationKeysAreContract]);
  const acknowledged: SchemaChangeReport['acknowledged'] = [];
  const refused: Change[] = [];
  for (const change of changes) {
    if (change.criticality.level !== CriticalityLevel.Breaking) continue;
    const acknowledgement = acknowledgements.find((a) => a.message === change.message && (a.schema === undefined || a.schema === schema));
    if (acknowledgement) acknowledged.push({ change, reason: acknowledgement.reason });
    else refused.push(change);
  }
  return { changes, acknowledged, refused };
}
