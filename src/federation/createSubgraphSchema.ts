import { buildSubgraphSchema } from '@apollo/subgraph';
import { extendResolversFromInterfaces } from '@graphql-tools/schema';
import {
  buildASTSchema,
  concatAST,
  Kind,
  parse,
  visit,
  type ConstDirectiveNode,
  type DocumentNode,
  type GraphQLSchema,
  type InterfaceTypeDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { resolvers } from '../resolvers/index.js';
import { loadTypeDefs } from '../schema.js';
import { entities } from './entities.js';

/**
 * The Federation version Tessera's subgraph SDL links to. 2.3 is the first with entity
 * interfaces (`@key` on `Ticket`, which other subgraphs reach with `@interfaceObject`).
 */
export const FEDERATION_SPEC_URL = 'https://specs.apollo.dev/federation/v2.3';

/**
 * Value types other subgraphs of a company graph are likely to define too, marked
 * `@shareable` so that composing them is not an error: Relay's `PageInfo`.
 */
const SHAREABLE_TYPES: readonly string[] = ['PageInfo'];

/**
 * The subgraph SDL: `schema/*.graphql` as the plain graph has it, plus the `@link` to
 * Federation 2 and, on the definition of each type in `entities`, its `@key`. The files in
 * `schema/` stay free of federation directives (codegen and the plain graph read them as they
 * are); `entities` is the one place keys are declared, beside the resolvers that honour them.
 */
export function createSubgraphTypeDefs(typeDefs: string[] = loadTypeDefs()): DocumentNode {
  const keyed = new Set<string>();
  const annotate = <T extends ObjectTypeDefinitionNode | InterfaceTypeDefinitionNode>(node: T): T => {
    const directives: ConstDirectiveNode[] = [];
    const entity = entities[node.name.value];
    if (entity) {
      directives.push(directive('key', { fields: entity.key }));
      keyed.add(node.name.value);
    }
    if (SHAREABLE_TYPES.includes(node.name.value)) directives.push(directive('shareable'));
    return directives.length === 0 ? node : { ...node, directives: [...(node.directives ?? []), ...directives] };
  };
  const document = visit(concatAST(typeDefs.map((sdl) => parse(sdl))), {
    ObjectTypeDefinition: annotate,
    InterfaceTypeDefinition: annotate,
  });
  const unknown = Object.keys(entities).filter((name) => !keyed.has(name));
  if (unknown.length > 0) throw new Error(`Entities without a type definition in schema/: ${unknown.join(', ')}.`);

  const link = parse(`extend schema @link(url: "${FEDERATION_SPEC_URL}", import: ["@key", "@shareable"])`);
  return concatAST([link, document]);
}

/**
 * Tessera as an Apollo Federation 2 subgraph: the plain graph's resolvers, `_service { sdl }`,
 * and `_entities` resolving every entity through the request's own loaders and credentials.
 */
export function createSubgraphSchema(): GraphQLSchema {
  const typeDefs = createSubgraphTypeDefs();
  // The plain graph inherits interface field resolvers (makeExecutableSchema's
  // inheritResolversFromInterfaces); buildSubgraphSchema does not, so copy them down first.
  const inherited = extendResolversFromInterfaces(buildASTSchema(typeDefs, { assumeValidSDL: true }), resolvers as Record<string, never>) as Record<
    string,
    Record<string, unknown>
  >;
  const withReferences: Record<string, unknown> = { ...resolvers, ...inherited };
  for (const [typeName, entity] of Object.entries(entities)) {
    withReferences[typeName] = { ...inherited[typeName], __resolveReference: entity.resolveReference };
  }
  return buildSubgraphSchema({ typeDefs, resolvers: withReferences as SubgraphResolvers });
}

/** `@apollo/subgraph`'s resolver map type, which its package index does not export. */
type SubgraphResolvers = Extract<Parameters<typeof buildSubgraphSchema>[0], { resolvers?: unknown }>['resolvers'];

function directive(name: string, args: Record<string, string> = {}): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: Object.entries(args).map(([argument, value]) => ({
      kind: Kind.ARGUMENT,
      name: { kind: Kind.NAME, value: argument },
      value: { kind: Kind.STRING, value },
    })),
  };
}
