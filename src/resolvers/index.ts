import { DateTimeResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { BusinessAccount } from './BusinessAccount.js';
import { ContactSubmission } from './ContactSubmission.js';
import { Contract } from './Contract.js';
import { DreamreflexTicket } from './DreamreflexTicket.js';
import { DreamreflexUser } from './DreamreflexUser.js';
import { Mutation } from './Mutation.js';
import { Node, Ticket } from './Node.js';
import { Project } from './Project.js';
import { ProjectFile, ProjectLink, ProjectTask } from './ProjectFile.js';
import { Query } from './Query.js';
import { Viewer } from './Viewer.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  Query,
  Mutation,
  Node,
  Ticket,
  DreamreflexTicket,
  Contract,
  Project,
  ProjectFile,
  ProjectLink,
  ProjectTask,
  BusinessAccount,
  DreamreflexUser,
  Viewer,
  ContactSubmission,
};
