/**
 * The unified model the resolvers see. Vendor folders map their raw payloads onto these
 * (in pure `mapping.ts` functions); resolvers never see a vendor's own field names.
 * Times are ISO-8601 UTC strings (`2024-01-01T10:00:00.000Z`).
 */

export type Source = 'MAXCLOUD' | 'THINGSCLOUD' | 'ZAMMAD' | 'LEXIANG' | 'DREAMREFLEX';

export type TicketStatus = 'NEW' | 'OPEN' | 'WAITING' | 'RESOLVED' | 'CLOSED';

/** Someone known by e-mail address across vendors. */
export interface PersonModel {
  /** Lower-cased. */
  email: string;
  /** Null when the vendor knows only the address. */
  name: string | null;
}

/** Fields every record from a vendor has. */
interface VendorRecord {
  source: Source;
  /** The vendor's own ID. */
  nativeId: string;
}

export interface DreamreflexTicketModel extends VendorRecord {
  kind: 'DreamreflexTicket';
  source: 'DREAMREFLEX';
  title: string;
  body: string;
  status: TicketStatus;
  /** `pending` (awaiting the support reply) or `replied`. */
  vendorStatus: string;
  ticketType: 'FINANCIAL' | 'TECHNICAL' | 'BUSINESS';
  /** The support reply; null until replied. */
  feedback: string | null;
  creator: PersonModel;
  /** Null until replied. */
  responder: PersonModel | null;
  createdAt: string;
  updatedAt: string | null;
  repliedAt: string | null;
}

/** Every kind of ticket; `kind` names its GraphQL type. */
export type TicketModel = DreamreflexTicketModel;

export interface ContractModel extends VendorRecord {
  kind: 'Contract';
  title: string;
  contentMarkdown: string;
  isSigned: boolean;
  owner: PersonModel;
  createdAt: string;
  updatedAt: string | null;
}

export interface ProjectModel extends VendorRecord {
  kind: 'Project';
  name: string;
  description: string | null;
  overviewMarkdown: string;
  owner: PersonModel;
  createdAt: string;
  updatedAt: string | null;
}

export interface ProjectFileModel extends VendorRecord {
  kind: 'ProjectFile';
  projectNativeId: string;
  filename: string;
  /** Bytes. */
  size: number;
  contentType: string;
  tag: string | null;
  storageKey: string;
  createdAt: string;
  updatedAt: string | null;
}

export interface ProjectLinkModel extends VendorRecord {
  kind: 'ProjectLink';
  projectNativeId: string;
  title: string;
  url: string;
  description: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface ProjectTaskModel extends VendorRecord {
  kind: 'ProjectTask';
  projectNativeId: string;
  title: string;
  description: string | null;
  status: 'PENDING' | 'COMPLETED';
  createdAt: string;
  updatedAt: string | null;
}

export interface BusinessAccountModel extends VendorRecord {
  kind: 'BusinessAccount';
  owner: PersonModel;
  status: 'PENDING' | 'ACTIVE' | 'DISABLED';
  assignedEmail: string | null;
  userCode: string | null;
  companyName: string | null;
  taxNumber: string | null;
  certificationInfo: string | null;
  communicationAddress: string | null;
  contactPersonName: string | null;
  contactPhone: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface DreamreflexUserModel extends VendorRecord {
  kind: 'DreamreflexUser';
  email: string;
  role: 'USER' | 'ADMIN';
  isActive: boolean;
  fullName: string | null;
  phoneNumber: string | null;
  avatarUrl: string | null;
  bio: string | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface DreamreflexSessionModel {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
  expiresAt: string;
}

export interface ContactSubmissionModel extends VendorRecord {
  kind: 'ContactSubmission';
  name: string;
  email: string;
  message: string;
  isProcessed: boolean;
  createdAt: string;
}

export interface FileDownloadModel {
  url: string;
  expiresAt: string;
}

/** `Query.me`: resolved per vendor field, so the parent carries nothing. */
export type ViewerModel = Record<string, never>;

/** Records that `Query.node` can return. */
export type NodeModel = TicketModel | ContractModel | ProjectModel | BusinessAccountModel;

/** One page of a list, cut from the vendor's results, plus where it starts and the vendor's total. */
export interface Page<T> {
  items: T[];
  /** Position of `items[0]` in the whole list. */
  offset: number;
  /** Number of records matching across all pages. */
  total: number;
}
