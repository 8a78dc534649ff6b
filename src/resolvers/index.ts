import { DateTimeResolver } from 'graphql-scalars';
import type { Resolvers } from '../__generated__/resolvers-types.js';
import { guardMutations } from '../writes/guardMutations.js';
import { BusinessAccount } from './BusinessAccount.js';
import { ContactSubmission } from './ContactSubmission.js';
import { Contract } from './Contract.js';
import { DreamreflexTicket } from './DreamreflexTicket.js';
import { Device } from './Device.js';
import { DeviceAlarm } from './DeviceAlarm.js';
import { DeviceGroup } from './DeviceGroup.js';
import { deviceMutations } from './deviceMutations.js';
import { deviceQueries } from './deviceQueries.js';
import { DeviceType } from './DeviceType.js';
import { DeviceWritePayload, ThingsCloudCustomerLoginResult } from './DeviceWritePayload.js';
import { DreamreflexUser } from './DreamreflexUser.js';
import { JsonScalar } from './JsonScalar.js';
import { MaxCloudCompany } from './MaxCloudCompany.js';
import { maxCloudMutations } from './maxCloudMutations.js';
import { maxCloudQueries } from './maxCloudQueries.js';
import { MaxCloudUser } from './MaxCloudSession.js';
import { MaxCloudTicket } from './MaxCloudTicket.js';
import { Mutation } from './Mutation.js';
import { Node, Ticket } from './Node.js';
import { Person } from './Person.js';
import { Project } from './Project.js';
import { ProjectFile, ProjectLink, ProjectTask } from './ProjectFile.js';
import { Query } from './Query.js';
import { Team } from './Team.js';
import { ThingsCloudCustomer, ThingsCloudCustomerRole } from './ThingsCloudCustomer.js';
import { ThingsCloudAdmin, ThingsCloudProject } from './ThingsCloudProject.js';
import { Viewer } from './Viewer.js';
import { ZammadArticle } from './ZammadArticle.js';
import { ZammadAttachment } from './ZammadAttachment.js';
import { ZammadGroup } from './ZammadGroup.js';
import { zammadMutations } from './zammadMutations.js';
import { ZammadOrganization } from './ZammadOrganization.js';
import { zammadQueries } from './zammadQueries.js';
import { ZammadTicket } from './ZammadTicket.js';
import { ZammadTicketPriority } from './ZammadTicketPriority.js';
import { ZammadTicketState } from './ZammadTicketState.js';
import { ZammadUser } from './ZammadUser.js';

export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSON: JsonScalar,
  // ThingsCloud's root fields live in their own files (Query.ts and Device.ts would otherwise import each other).
  Query: { ...Query, ...deviceQueries, ...zammadQueries, ...maxCloudQueries },
  // Creates take idempotency keys; credential checks and e-mails are rate limited (src/writes/guardMutations.ts).
  Mutation: guardMutations({ ...Mutation, ...deviceMutations, ...zammadMutations, ...maxCloudMutations }),
  Node,
  Ticket,
  Person,
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
  Team,
  Device,
  DeviceType,
  DeviceGroup,
  DeviceAlarm,
  DeviceWritePayload,
  ThingsCloudCustomer,
  ThingsCloudCustomerRole,
  ThingsCloudCustomerLoginResult,
  ThingsCloudProject,
  ThingsCloudAdmin,
  ZammadTicket,
  ZammadTicketState,
  ZammadTicketPriority,
  ZammadGroup,
  ZammadUser,
  ZammadOrganization,
  ZammadArticle,
  ZammadAttachment,
  MaxCloudTicket,
  MaxCloudCompany,
  MaxCloudUser,
};
