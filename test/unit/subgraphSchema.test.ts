import { describe, expect, it } from '@jest/globals';
import { isInterfaceType, isObjectType, type GraphQLNamedType, type GraphQLSchema } from 'graphql';
import { entities } from '../../src/federation/entities.js';
import { createSubgraphSchema, createSubgraphTypeDefs } from '../../src/federation/createSubgraphSchema.js';
import { createSchema, loadTypeDefs } from '../../src/schema.js';

const plain = createSchema();
const subgraph = createSubgraphSchema();

describe('the subgraph schema', () => {
  it('makes every Node an entity keyed by its global ID, and the Ticket interface too', () => {
    const nodes = plain.getPossibleTypes(plain.getType('Node') as never).map((type) => type.name);
    const keyedById = Object.entries(entities).flatMap(([type, { key }]) => (key === 'id' ? [type] : []));
    expect(keyedById).toEqual(expect.arrayContaining([...nodes, 'Ticket']));
  });

  it('keys a person by e-mail, and the vendor users by what identifies them', () => {
    expect(Object.fromEntries(['Person', 'DreamreflexUser', 'MaxCloudUser'].map((type) => [type, entities[type]!.key]))).toEqual({
      Person: 'email',
      DreamreflexUser: 'id',
      MaxCloudUser: 'email',
    });
  });

  it('has a reference resolver for every entity, and the plain graph keeps its own resolvers', () => {
    for (const type of Object.keys(entities)) {
      const named = subgraph.getType(type) as GraphQLNamedType;
      expect(isObjectType(named) || isInterfaceType(named)).toBe(true);
      expect((named.extensions as { apollo?: { subgraph?: { resolveReference?: unknown } } }).apollo?.subgraph?.resolveReference).toBe(entities[type]!.resolveReference);
    }
    expect(resolvedFields(subgraph)).toEqual(expect.arrayContaining(resolvedFields(plain)));
    expect(resolvedFields(plain).length).toBeGreaterThan(100);
  });

  it('leaves the plain graph and the SDL files without federation', () => {
    expect(Object.keys(plain.getQueryType()!.getFields())).not.toEqual(expect.arrayContaining(['_service']));
    expect(plain.getType('_Entity')).toBeUndefined();
    expect(loadTypeDefs().join('\n')).not.toMatch(/@key|@link|@shareable/);
    expect(Object.keys(subgraph.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['_service', '_entities']));
  });

  it('refuses an entity the SDL does not define', () => {
    expect(() => createSubgraphTypeDefs(['type Query { device: Device } type Device { id: ID! }'])).toThrow(/Entities without a type definition in schema\/: .*Person/);
  });
});

/** `Type.field` of every field with its own resolver. */
function resolvedFields(schema: GraphQLSchema): string[] {
  return Object.values(schema.getTypeMap()).flatMap((type) =>
    isObjectType(type) && !type.name.startsWith('__') ? Object.values(type.getFields()).flatMap((field) => (field.resolve ? [`${type.name}.${field.name}`] : [])) : [],
  );
}
