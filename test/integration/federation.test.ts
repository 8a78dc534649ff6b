import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Kind, parse, print } from 'graphql';
import { entities } from '../../src/federation/entities.js';
import { toGlobalId } from '../../src/globalId.js';
import { startTestGateway, withApiKey, type TestGateway } from '../support/gateway.js';
import { startHrSubgraph, type Employee, type RunningSubgraph } from '../support/hrSubgraph.js';
import { startSupergraph, type RunningSupergraph } from '../support/supergraph.js';

let tessera: TestGateway;
let hr: RunningSubgraph;
let supergraph: RunningSupergraph;
let devices: { id: string; name: string; online: boolean }[];
let employees: Employee[];

const ENTITIES = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    __typename
    ... on Device { id name online }
    ... on Person { email }
    ... on Ticket { id title }
  }
}`;

beforeAll(async () => {
  tessera = await startTestGateway({ env: { TESSERA_FEDERATION: 'subgraph' } });
  const seen = await tessera.gql('{ devices(first: 10) { nodes { id name online } } tickets(first: 20) { nodes { id creator { email } } } }', {}, withApiKey);
  const data = seen.body.data as {
    devices: { nodes: { id: string; name: string; online: boolean }[] };
    tickets: { nodes: { id: string; creator: { email: string } | null }[] };
  };
  devices = data.devices.nodes;
  const tickets = data.tickets.nodes;
  // HR's staff: two people who opened tickets on the first page, the Dreamreflex demo user, and a new hire no vendor knows.
  const creators = [...new Set(tickets.flatMap((ticket) => (ticket.creator ? [ticket.creator.email] : [])))].filter((email) => email !== 'demo@tessera.local');
  employees = [
    { employeeId: 'E-1001', email: 'demo@tessera.local', department: 'Operations', laptopId: devices[0]!.id, onboardingTicketId: tickets[0]!.id },
    { employeeId: 'E-1002', email: creators[0]!, department: 'Finance', laptopId: devices[1]!.id, onboardingTicketId: null },
    { employeeId: 'E-1003', email: creators[1]!, department: 'Platform', laptopId: null, onboardingTicketId: null },
    { employeeId: 'E-1004', email: 'new.hire@example.com', department: 'Sales', laptopId: devices[2]!.id, onboardingTicketId: null },
    // HR's record of a laptop ThingsCloud no longer has.
    { employeeId: 'E-1005', email: 'former.contractor@example.com', department: 'Retail', laptopId: toGlobalId('Device', 'THINGSCLOUD', 'ffffffffffffffffffffffff'), onboardingTicketId: null },
  ];
  hr = await startHrSubgraph(employees);
  supergraph = await startSupergraph([
    { name: 'tessera', url: tessera.url },
    { name: 'hr', url: hr.url },
  ]);
});

afterAll(async () => {
  await supergraph?.close();
  await hr?.close();
  await tessera?.close();
});

describe('Tessera as a Federation 2 subgraph (TESSERA_FEDERATION=subgraph)', () => {
  it('publishes its SDL through _service, linked to Federation 2 with a @key on every entity', async () => {
    const { body } = await tessera.gql('{ _service { sdl } }');
    const sdl = (body.data as { _service: { sdl: string } })._service.sdl;
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])');
    const keys = parse(sdl).definitions.flatMap((definition) =>
      (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
      definition.directives?.some((directive) => directive.name.value === 'key')
        ? [[definition.name.value, definition.directives.filter((d) => d.name.value === 'key').map((d) => print(d))]]
        : [],
    );
    expect(Object.fromEntries(keys)).toEqual(Object.fromEntries(Object.entries(entities).map(([type, { key }]) => [type, [`@key(fields: "${key}")`]])));
  });

  it('resolves 100 representations of 10 devices with at most one ThingsCloud call per device', async () => {
    const representations = Array.from({ length: 100 }, (_, i) => ({ __typename: 'Device', id: devices[i % 10]!.id }));
    tessera.thingscloud.requests.reset();
    const { status, body } = await tessera.gql(ENTITIES, { representations }, withApiKey);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const found = (body.data as { _entities: { id: string; name: string }[] })._entities;
    expect(found).toHaveLength(100);
    expect(found.map((device) => device.id)).toEqual(representations.map((r) => r.id));
    expect(found[13]).toEqual({ __typename: 'Device', ...devices[3] });
    expect(tessera.thingscloud.requests.count()).toBeLessThanOrEqual(10);
    expect(tessera.thingscloud.requests.count('GET /api/v1/device/:device_id')).toBe(10);
  });

  it('answers an unknown or malformed key with a null entity and a typed error, and still resolves the rest', async () => {
    const representations = [
      { __typename: 'Device', id: devices[0]!.id },
      { __typename: 'Device', id: toGlobalId('Device', 'THINGSCLOUD', 'ffffffffffffffffffffffff') },
      { __typename: 'Device', id: 'not a Tessera ID' },
      // A ticket's ID given as a device's.
      { __typename: 'Device', id: toGlobalId('ZammadTicket', 'ZAMMAD', '1') },
      { __typename: 'Person', email: 'not-an-address' },
      { __typename: 'Person', email: 'Li.Na@Example.cn ' },
    ];
    const { status, body } = await tessera.gql(ENTITIES, { representations }, withApiKey);

    expect(status).toBe(200);
    const found = (body.data as { _entities: unknown[] })._entities;
    expect(found).toEqual([
      { __typename: 'Device', ...devices[0] },
      null,
      null,
      null,
      null,
      { __typename: 'Person', email: 'li.na@example.cn' },
    ]);
    const codes = Object.fromEntries((body.errors ?? []).map((error) => [error.path?.join('.'), error.extensions?.code]));
    expect(codes).toEqual({
      '_entities.1': 'NOT_FOUND',
      '_entities.2': 'BAD_USER_INPUT',
      '_entities.3': 'BAD_USER_INPUT',
      '_entities.4': 'BAD_USER_INPUT',
    });
  });

  it('resolves a ticket by global ID through the Ticket interface, as @interfaceObject references send it', async () => {
    const id = employees[0]!.onboardingTicketId!;
    const { body } = await tessera.gql(ENTITIES, { representations: [{ __typename: 'Ticket', id }] }, withApiKey);
    expect(body.errors).toBeUndefined();
    const [ticket] = (body.data as { _entities: { __typename: string; id: string }[] })._entities;
    expect(ticket).toMatchObject({ id });
    expect(['DreamreflexTicket', 'ZammadTicket', 'MaxCloudTicket']).toContain(ticket!.__typename);
  });
});

describe('Tessera composed with an HR subgraph into a supergraph', () => {
  it('composes without errors or hints', () => {
    expect(supergraph.hints).toEqual([]);
  });

  it('enters Tessera from HR through _entities: a person’s tickets and an employee’s laptop', async () => {
    const { status, body } = await supergraph.gql(
      `{
        employees {
          employeeId department
          person { email name createdTickets(first: 3) { totalCount nodes { title source } } }
          laptop { id name online }
        }
      }`,
      {},
      withApiKey,
    );

    expect(status).toBe(200);
    const result = (body.data as { employees: { employeeId: string; person: { email: string; name: string | null; createdTickets: { totalCount: number | null; nodes: unknown[] } }; laptop: unknown }[] }).employees;
    expect(result.map((employee) => employee.person.email)).toEqual(employees.map((employee) => employee.email));
    expect(result.map((employee) => employee.laptop)).toEqual([devices[0], devices[1], null, devices[2], null]);
    // The laptop ThingsCloud no longer has is null with Tessera's typed error; the rest of the response is there.
    expect(body.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([[['employees', 4, 'laptop'], 'NOT_FOUND']]);
    // The demo user is the Dreamreflex service account: their own tickets are there too.
    expect(result[0]!.person.name).not.toBeNull();
    expect(result[0]!.person.createdTickets.nodes.length).toBeGreaterThan(0);
    expect(result[1]!.person.createdTickets.nodes.length).toBeGreaterThan(0);
    expect(result[3]!.person).toMatchObject({ email: 'new.hire@example.com', name: null, createdTickets: { totalCount: 0, nodes: [] } });
  });

  it('follows an HR ticket reference into whichever vendor has the ticket', async () => {
    const { body } = await supergraph.gql('{ employees { employeeId onboardingTicket { id title source status } } }', {}, withApiKey);
    expect(body.errors).toBeUndefined();
    const [first, ...rest] = (body.data as { employees: { onboardingTicket: { id: string; title: string } | null }[] }).employees;
    expect(first!.onboardingTicket).toMatchObject({ id: employees[0]!.onboardingTicketId, title: expect.any(String) });
    expect(rest.map((employee) => employee.onboardingTicket)).toEqual([null, null, null, null]);
  });

  it('reaches HR’s fields from Tessera’s tickets: each creator’s department', async () => {
    const { body } = await supergraph.gql('{ tickets(first: 20) { nodes { title creator { email employeeId department } } } }', {}, withApiKey);
    expect(body.errors).toBeUndefined();
    const creators = (body.data as { tickets: { nodes: { creator: { email: string; employeeId: string | null; department: string | null } | null }[] } }).tickets.nodes.flatMap(
      (ticket) => (ticket.creator ? [ticket.creator] : []),
    );
    const byEmail = new Map(employees.map((employee) => [employee.email, employee]));
    for (const creator of creators) {
      const employee = byEmail.get(creator.email);
      expect(creator).toEqual({ email: creator.email, employeeId: employee?.employeeId ?? null, department: employee?.department ?? null });
    }
    expect(creators.filter((creator) => creator.department !== null).length).toBeGreaterThanOrEqual(2);
  });

  it('passes the caller’s credentials on: without an API key Tessera’s fields fail alone, HR’s still answer', async () => {
    const { status, body } = await supergraph.gql('{ employees { employeeId laptop { name } } }');
    expect(status).toBe(200);
    const result = (body.data as { employees: { employeeId: string; laptop: unknown }[] }).employees;
    expect(result.map((employee) => employee.employeeId)).toEqual(employees.map((employee) => employee.employeeId));
    expect(result.every((employee) => employee.laptop === null)).toBe(true);
    expect(body.errors?.map((error) => error.extensions?.code)).toContain('UNAUTHENTICATED');
  });
});
