import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { gql } from 'graphql-tag';

/**
 * Another team's subgraph, as a company graph would have beside Tessera: HR's employees. It
 * extends Tessera's `Person` (by e-mail) with HR fields and refers to Tessera's records by
 * their keys: a laptop is a `Device` by global ID, an onboarding ticket is any vendor's `Ticket`
 * by global ID (through `@interfaceObject`, since HR does not know which vendor it is in).
 */
export const hrTypeDefs = gql`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@interfaceObject"])

  type Query {
    "Every employee, in HR's order."
    employees: [Employee!]!
  }

  type Employee {
    employeeId: ID!
    department: String!
    "The employee as the rest of the company graph knows them."
    person: Person!
    "The laptop IT issued, a ThingsCloud device in Tessera; null when none was issued."
    laptop: Device
    "The ticket that tracks the employee's onboarding, in whichever helpdesk it was opened."
    onboardingTicket: Ticket
  }

  type Person @key(fields: "email") {
    email: String!
    "Null for someone who is not an employee."
    employeeId: ID
    "Null for someone who is not an employee."
    department: String
  }

  type Device @key(fields: "id", resolvable: false) {
    id: ID!
  }

  type Ticket @key(fields: "id", resolvable: false) @interfaceObject {
    id: ID!
  }
`;

export interface Employee {
  employeeId: string;
  /** Lower-cased, as Tessera's Person keys are. */
  email: string;
  department: string;
  /** Tessera global ID of a Device. */
  laptopId: string | null;
  /** Tessera global ID of any Ticket. */
  onboardingTicketId: string | null;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  close(): Promise<void>;
}

/** The HR subgraph on 127.0.0.1 on a free port, serving `employees`. */
export async function startHrSubgraph(employees: readonly Employee[]): Promise<RunningSubgraph> {
  const byEmail = new Map(employees.map((employee) => [employee.email, employee]));
  const schema = buildSubgraphSchema({
    typeDefs: hrTypeDefs,
    resolvers: {
      Query: { employees: () => employees },
      Employee: {
        person: (employee: Employee) => ({ email: employee.email }),
        laptop: (employee: Employee) => (employee.laptopId ? { id: employee.laptopId } : null),
        onboardingTicket: (employee: Employee) => (employee.onboardingTicketId ? { id: employee.onboardingTicketId } : null),
      },
      Person: {
        __resolveReference: ({ email }: { email: string }) => {
          const employee = byEmail.get(email.toLowerCase());
          return { email, employeeId: employee?.employeeId ?? null, department: employee?.department ?? null };
        },
      },
    },
  });
  const server = new ApolloServer({ schema, plugins: [ApolloServerPluginInlineTraceDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return { name: 'hr', url, close: () => server.stop() };
}
