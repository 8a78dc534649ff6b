import { describe, expect, it } from '@jest/globals';
import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { deviceShapeOf, listsAhead, needsTypeList } from '../../src/resolvers/deviceSelection.js';

const schema = buildSchema(`
  type DeviceType { id: ID! name: String! description: String deviceCount: Int }
  type Group { name: String! }
  type Customer { name: String! }
  type Device { id: ID! name: String! online: Boolean! deviceCode: String type: DeviceType groups: [Group!] customers: [Customer!] }
  type Alarm { id: ID! device: Device }
  type AlarmEdge { node: Alarm! }
  type AlarmConnection { nodes: [Alarm!]! edges: [AlarmEdge!]! }
  type DeviceConnection { nodes: [Device!]! }
  type Query { alarms: AlarmConnection devices: DeviceConnection device: Device }
`);

/** The `info` of the root field the query selects. */
function infoOf(query: string): GraphQLResolveInfo {
  let captured: GraphQLResolveInfo | undefined;
  const capture = (_root: unknown, _args: unknown, _ctx: unknown, info: GraphQLResolveInfo) => {
    captured = info;
    return null;
  };
  void execute({ schema, document: parse(query), fieldResolver: (source, args, ctx, info) => (info.parentType.name === 'Query' ? capture(source, args, ctx, info) : null) });
  return captured!;
}

describe('deviceSelection', () => {
  it('asks the single read only for fields the device list lacks, through fragments', () => {
    expect(deviceShapeOf(infoOf('{ device { name online type { name } } }'))).toBe('listed');
    expect(deviceShapeOf(infoOf('{ device { name ...F } } fragment F on Device { groups { name } }'))).toBe('detail');
    expect(deviceShapeOf(infoOf('{ device { ... on Device { deviceCode } } }'))).toBe('detail');
  });

  it('reads the type list only for type fields a device does not carry', () => {
    const typeInfo = (query: string) => {
      let captured: GraphQLResolveInfo | undefined;
      void execute({
        schema,
        document: parse(query),
        fieldResolver: (_s, _a, _c, info) => {
          if (info.fieldName === 'type') captured = info;
          return info.fieldName === 'device' ? {} : null;
        },
      });
      return captured!;
    };
    expect(needsTypeList(typeInfo('{ device { type { id name } } }'))).toBe(false);
    expect(needsTypeList(typeInfo('{ device { type { name description } } }'))).toBe(true);
  });

  it('names the lists a connection’s devices will need, to read them ahead', () => {
    expect(listsAhead(infoOf('{ alarms { nodes { device { name online } } } }'), 100, 'device')).toEqual(['devicePage']);
    expect(listsAhead(infoOf('{ alarms { nodes { device { name online } } } }'), 1, 'device')).toEqual([]);
    expect(listsAhead(infoOf('{ alarms { edges { node { device { name groups { name } type { deviceCount } } } } } }'), 100, 'device')).toEqual(['groupTree', 'typeList']);
    expect(listsAhead(infoOf('{ alarms { nodes { id } } }'), 100, 'device')).toEqual([]);
    expect(listsAhead(infoOf('{ devices { nodes { name customers { name } type { name } } } }'), 100, null)).toEqual(['customerList']);
    expect(listsAhead(infoOf('{ devices { nodes { name customers { name } } } }'), 1, null)).toEqual([]);
  });
});
