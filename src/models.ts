/**
 * The unified model the resolvers see. Vendor folders map their raw payloads onto these
 * (in pure `mapping.ts` functions); resolvers never see a vendor's own field names.
 * Times are ISO-8601 UTC strings (`2024-01-01T10:00:00.000Z`).
 */

export type Source = 'MAXCLOUD' | 'THINGSCLOUD' | 'ZAMMAD' | 'LEXIANG' | 'DREAMREFLEX';

export type TicketStatus = 'NEW' | 'OPEN' | 'PENDING' | 'RESOLVED' | 'CLOSED';

export type TicketPriority = 'LOW' | 'NORMAL' | 'HIGH' | 'URGENT';

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
export type TicketModel = DreamreflexTicketModel | ZammadTicketModel | MaxCloudTicketModel;

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

/** Lexiang K吧 kinds; Lexiang's `type` 1, 2, 3 and 4. */
export type TeamType = 'CUSTOM' | 'KNOWLEDGE' | 'PROJECT_MANAGEMENT' | 'TRAINING';

/** A Lexiang K吧 (team space). Lexiang's API returns no member list, so the model has none. */
export interface TeamModel extends VendorRecord {
  kind: 'Team';
  source: 'LEXIANG';
  name: string;
  /** Lexiang's short code, e.g. `k100001`. */
  code: string;
  /** The introduction (K吧介绍); null when it has none. */
  signature: string | null;
  type: TeamType;
  isSecret: boolean;
  /** Logo URL; null when the team has none. */
  logo: string | null;
  /** Null when Lexiang omits it (its documented examples do). */
  createdAt: string | null;
}

/** `Query.me`: resolved per vendor field, so the parent carries nothing. */
export type ViewerModel = Record<string, never>;

/** Records that `Query.node` can return. */
export type NodeModel = TicketModel | ContractModel | ProjectModel | BusinessAccountModel | TeamModel | DeviceModel | DeviceTypeModel | DeviceGroupModel | ThingsCloudCustomerModel | ZammadUserModel | ZammadOrganizationModel | ZammadGroupModel | ZammadArticleModel | MaxCloudCompanyModel;

/** One page of a list, cut from the vendor's results, plus where it starts and the vendor's total. */
export interface Page<T> {
  items: T[];
  /** Position of `items[0]` in the whole list. */
  offset: number;
  /** Number of records matching across all pages. */
  total: number;
}

// --- ThingsCloud: the Device graph. Vendor maps (tags, options, alarm state) stay JSON objects. ---

/** A ThingsCloud device. */
export interface DeviceModel extends VendorRecord {
  kind: 'Device';
  source: 'THINGSCLOUD';
  name: string;
  description: string | null;
  /** The device's unique key at the vendor (e.g. an IMEI); null when not set. */
  deviceKey: string | null;
  tags: Record<string, unknown>;
  /** Null when the vendor sent no creation time. */
  createdAt: string | null;
  online: boolean;
  /** The vendor's `alarm` object (current alarm state; shape undocumented). */
  alarmState: Record<string, unknown>;
  /** The vendor's `active` object: latest time of each kind of message (shape undocumented). */
  activity: Record<string, unknown>;
  /** Null for a device without a type. */
  typeNativeId: string | null;
  /** What every device read says of its type (`type_info`); null when the vendor sent none. */
  typeSummary: { nativeId: string; name: string; connType: string | null; connProtocol: string | null } | null;
  /**
   * What only the single-device read has. Null when the model came from a list; resolvers
   * then load the device itself (one call per distinct device per request).
   */
  detail: { groupNativeIds: string[]; viewToken: string | null; deviceCode: string | null } | null;
}

export interface DeviceTypeModel extends VendorRecord {
  kind: 'DeviceType';
  source: 'THINGSCLOUD';
  name: string;
  description: string | null;
  tags: Record<string, unknown>;
  createdAt: string | null;
  deviceCount: number | null;
  connProtocol: string | null;
  connType: string | null;
}

/** A device group and the groups below it (the vendor sends the whole tree at once). */
export interface DeviceGroupModel extends VendorRecord {
  kind: 'DeviceGroup';
  source: 'THINGSCLOUD';
  name: string;
  description: string | null;
  tags: Record<string, unknown>;
  /** The doc shows creation times only on top-level groups. */
  createdAt: string | null;
  /** Null for a top-level group. */
  parentNativeId: string | null;
  children: DeviceGroupModel[];
}

/** An extend-info field a device type defines (standard: location, contact; or custom). */
export interface DeviceExtendInfoDefinitionModel {
  nativeId: string;
  infoType: string;
  name: string;
  description: string | null;
  enabled: boolean;
  options: Record<string, unknown>;
  createdAt: string | null;
  updatedAt: string | null;
  isStandard: boolean;
}

/** A device's extend info: the definition's fields (without `enabled`, which the vendor does not send here) and the value. */
export interface DeviceExtendInfoModel extends Omit<DeviceExtendInfoDefinitionModel, 'enabled'> {
  /** The device's value, as stored (string, number, boolean or object); null when never set. */
  value: unknown;
}

/** Normalized `data_type` of an attribute. */
export type AttributeDataType = 'NUMBER' | 'STRING' | 'BOOLEAN' | 'JSON' | 'OTHER';

/** A value with its type, and typed views that are non-null only when type and value agree. */
export interface AttributeValueModel {
  /** Exactly what the device sent. */
  value: unknown;
  dataType: AttributeDataType;
  /** The vendor's `data_type`; null when absent. */
  vendorDataType: string | null;
  numberValue: number | null;
  stringValue: string | null;
  booleanValue: boolean | null;
}

/** An attribute model in the device type (its definition). */
export interface DeviceAttributeDefinitionModel {
  name: string;
  /** `report`, `push` or `cloud`, as the vendor sends it. */
  attrType: string | null;
  dataType: AttributeDataType;
  vendorDataType: string | null;
  options: Record<string, unknown>;
}

export interface DeviceAttributeModel extends AttributeValueModel {
  identifier: string;
  attrType: string | null;
  /** When the value was reported; null when the vendor sent no time. */
  at: string | null;
  /** Null for an attribute the device reports without a model in its type. */
  definition: DeviceAttributeDefinitionModel | null;
}

export interface DeviceAttributePointModel extends AttributeValueModel {
  at: string;
}

/** The credentials a device connects with. */
export interface DeviceCertificateModel {
  deviceNativeId: string;
  deviceName: string;
  accessToken: string;
  projectKey: string;
}

export interface DeviceAlarmModel extends VendorRecord {
  kind: 'DeviceAlarm';
  source: 'THINGSCLOUD';
  deviceNativeId: string;
  /** The device's name when the alarm was logged (logs outlive their device). */
  deviceName: string | null;
  /** 1 普通 NORMAL, 2 严重 SERIOUS, 3 紧急 URGENT (the levels of `devices_alarm_stat`); null for any other value. */
  level: 'NORMAL' | 'SERIOUS' | 'URGENT' | null;
  vendorLevel: number;
  vendorStatus: number;
  info: Record<string, unknown>;
  notifyLogs: unknown[];
  createdAt: string;
}

export interface ThingsCloudCustomerModel extends VendorRecord {
  kind: 'ThingsCloudCustomer';
  source: 'THINGSCLOUD';
  account: string;
  name: string;
  description: string | null;
  email: string | null;
  mobile: string | null;
  tags: Record<string, unknown>;
  locale: string | null;
  createdAt: string | null;
  deviceCount: number | null;
  /** Null when unknown: the single-customer read does not include it (the list does). */
  roleNativeId: string | null;
}

export interface ThingsCloudCustomerRoleModel extends VendorRecord {
  kind: 'ThingsCloudCustomerRole';
  source: 'THINGSCLOUD';
  name: string;
  description: string | null;
  allowOperateDevice: boolean;
  allowAlarmMsgMaintain: boolean;
  allowAddDevice: boolean;
  createdAt: string | null;
  customerCount: number | null;
}

export interface ThingsCloudProjectModel extends VendorRecord {
  kind: 'ThingsCloudProject';
  source: 'THINGSCLOUD';
  name: string;
  description: string | null;
  tags: Record<string, unknown>;
}

export interface DeviceStatsModel {
  total: number;
  online: number;
  offline: number;
  active: number;
  inactive: number;
  alarming: number;
}

export interface DeviceAlarmStatsModel {
  total: number;
  normalLevel: number;
  seriousLevel: number;
  urgentLevel: number;
  withoutAlarm: number;
}

export interface ThingsCloudAdminModel extends VendorRecord {
  kind: 'ThingsCloudAdmin';
  source: 'THINGSCLOUD';
  account: string;
  name: string | null;
  email: string | null;
  tags: Record<string, unknown>;
}

/** A ThingsCloud administrator token, to send as `x-thingscloud-token`. */
export interface ThingsCloudSessionModel {
  accessToken: string;
  expiresAt: string;
}

export interface ThingsCloudCustomerLoginModel {
  valid: boolean;
  /** Set when valid. */
  customerNativeId: string | null;
  /** The vendor's reason when not valid. */
  message: string | null;
  vendorCode: number | null;
}

/** What a write to one device answered: when it was sent and, for extend infos, what the vendor says it updated. */
export interface DeviceWriteModel {
  deviceNativeId: string;
  at: string;
  updated: Record<string, unknown>;
}

// --- Zammad: tickets with their articles, users, organizations, groups, states, priorities. ---

/**
 * What a query reads of the tickets of one Zammad ticket search, as far as choosing the search
 * goes. The resolvers read it from the GraphQL selection (`resolvers/zammadTicketSelection.ts`); the
 * Zammad source plans its search by it (`vendors/zammad/ticketReadPlan.ts`).
 */
export interface ZammadTicketNeeds {
  /** A user of the ticket (customer, owner, creator, updater; as a record or a Person) or its organization. */
  people: boolean;
  /** A group field beyond its name. */
  groupDetail: boolean;
  /** The state's name (`vendorStatus`, `state { name }`). */
  stateName: boolean;
  /** A state field beyond its name (`status`, `state { stateType }`, …): the state list, whatever the search. */
  stateDetail: boolean;
  /** The priority's name (`priority`, `vendorPriority`, `zammadPriority { name }`). */
  priorityName: boolean;
  /** A priority field beyond its name: the priority list, whatever the search. */
  priorityDetail: boolean;
}

/**
 * A Zammad ticket. Related records are held by ID and resolved through per-request loaders;
 * read by a search with `expand=true`, state, group and priority also carry the names Zammad
 * gave on the ticket; read without it, the search's `assets` prime the user, organization and
 * group loaders instead (see `src/vendors/zammad/ticketReadPlan.ts`).
 */
export interface ZammadTicketModel extends VendorRecord {
  kind: 'ZammadTicket';
  source: 'ZAMMAD';
  /** Zammad's ticket number (`31001`), distinct from its ID. */
  number: string;
  title: string;
  state: ZammadTicketStateModel;
  group: ZammadGroupModel;
  priority: ZammadTicketPriorityModel;
  /** The priority normalized from its name; null when Zammad sent no name. */
  normalizedPriority: TicketPriority | null;
  /** Null for a customer without an organization. */
  organizationNativeId: string | null;
  customerNativeId: string;
  /** Null when nobody owns the ticket (Zammad's user 1, "-"). */
  ownerNativeId: string | null;
  createdByNativeId: string;
  updatedByNativeId: string;
  note: string | null;
  /** Null when Zammad does not say. */
  articleCount: number | null;
  /** The tags, when the answer carried them; null means "ask `/tags`". */
  tags: string[] | null;
  firstResponseAt: string | null;
  closeAt: string | null;
  lastContactAt: string | null;
  escalationAt: string | null;
  /** When a pending state ends; null outside pending states. */
  pendingTime: string | null;
  createdAt: string;
  updatedAt: string | null;
}

/** A ticket state. `detail` is null when known only as named on a ticket; resolvers then read the state list (one call per request). */
export interface ZammadTicketStateModel extends VendorRecord {
  kind: 'ZammadTicketState';
  source: 'ZAMMAD';
  /** Null only when Zammad sent the ticket without names. */
  name: string | null;
  detail: {
    /** The state type: `new`, `open`, `pending reminder`, `pending action`, `closed`, `merged` or `removed`. */
    stateType: string;
    active: boolean;
    note: string | null;
  } | null;
}

/** A ticket priority. `detail` as for states. */
export interface ZammadTicketPriorityModel extends VendorRecord {
  kind: 'ZammadTicketPriority';
  source: 'ZAMMAD';
  name: string | null;
  detail: { active: boolean; note: string | null } | null;
}

/** A group (agents' queue). `detail` as for states: null when known only as named on a ticket. */
export interface ZammadGroupModel extends VendorRecord {
  kind: 'ZammadGroup';
  source: 'ZAMMAD';
  name: string | null;
  detail: { active: boolean; note: string | null; createdAt: string | null; updatedAt: string | null } | null;
}

export interface ZammadUserModel extends VendorRecord {
  kind: 'ZammadUser';
  source: 'ZAMMAD';
  login: string;
  firstname: string | null;
  lastname: string | null;
  /** "Firstname Lastname"; null when both are empty. */
  name: string | null;
  /** Lower-cased; null when the user has none (Zammad allows users without e-mail). */
  email: string | null;
  organizationNativeId: string | null;
  active: boolean;
  vip: boolean;
  phone: string | null;
  mobile: string | null;
  note: string | null;
  /** Role names (`Admin`, `Agent`, `Customer`); null when Zammad did not name them. */
  roles: string[] | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface ZammadOrganizationModel extends VendorRecord {
  kind: 'ZammadOrganization';
  source: 'ZAMMAD';
  name: string;
  /** Whether the organization's customers see each other's tickets. */
  shared: boolean;
  domain: string | null;
  active: boolean;
  note: string | null;
  memberNativeIds: string[];
  createdAt: string;
  updatedAt: string | null;
}

/** One message on a ticket: an e-mail, a note, a phone call, a web form entry. */
export interface ZammadArticleModel extends VendorRecord {
  kind: 'ZammadArticle';
  source: 'ZAMMAD';
  ticketNativeId: string;
  /** `note`, `email`, `phone`, `web`, …; null when Zammad did not name it. */
  type: string | null;
  /** `Agent`, `Customer` or `System`; null when Zammad did not name it. */
  sender: string | null;
  from: string | null;
  to: string | null;
  cc: string | null;
  subject: string | null;
  body: string;
  /** `text/plain` or `text/html`. */
  contentType: string;
  /** Internal articles are hidden from customers. */
  internal: boolean;
  createdByNativeId: string | null;
  createdAt: string;
  attachments: ZammadAttachmentModel[];
}

/** A file on an article. Its content is downloaded only when asked for. */
export interface ZammadAttachmentModel extends VendorRecord {
  kind: 'ZammadAttachment';
  source: 'ZAMMAD';
  ticketNativeId: string;
  articleNativeId: string;
  filename: string;
  /** Bytes; null when Zammad does not say. */
  size: number | null;
  contentType: string | null;
}

// --- MaxCloud: tickets, companies and sessions (login, company switch, ticket search: the whole documented API). ---

/**
 * A MaxCloud ticket, as its ticket search answers it. The vendor's zone-less times are read in
 * the configured zone (`MAXCLOUD_TIME_ZONE`). MaxCloud has no customer role: a ticket has a
 * reporter (`createdBy`), an assignee and a notification list.
 */
export interface MaxCloudTicketModel extends VendorRecord {
  kind: 'MaxCloudTicket';
  source: 'MAXCLOUD';
  /** `subject`. */
  title: string;
  /** `content`; null when empty. */
  content: string | null;
  /** `content_type` (the doc shows only `""`); null when empty. */
  contentType: string | null;
  /** Normalized from `state`: new → NEW, open → OPEN, pending → PENDING, resolved → RESOLVED, closed → CLOSED, anything else → OPEN. */
  status: TicketStatus;
  /** `state`, as MaxCloud sent it. */
  vendorStatus: string;
  /** Normalized from the integer `priority`: 1 LOW, 2 NORMAL, 3 HIGH, 4 URGENT, anything else NORMAL; null when MaxCloud sent none. */
  priority: TicketPriority | null;
  /** `priority` as MaxCloud sent it (`"2"`); null when it sent none. */
  vendorPriority: string | null;
  companyNativeId: string;
  /** Null when the ticket belongs to no team (`team_id` 0). */
  team: MaxCloudTeamModel | null;
  /** The reporter; null when MaxCloud sent no address. */
  createdBy: PersonModel | null;
  /** Null while nobody is assigned (`""`). */
  assignedTo: PersonModel | null;
  updatedBy: PersonModel | null;
  /** Who is told about changes. */
  notificationList: PersonModel[];
  commentCount: number;
  /** Null until found (`""`). */
  rootCause: string | null;
  /** The vendor's `resources`, as given (undocumented shape; null in the doc's example). */
  resources: unknown;
  /** Null when empty. */
  tips: string | null;
  /** The business unit (`group_tag`, "BU" in the doc); null when empty or not sent. */
  groupTag: string | null;
  /** Empty when the ticket has none or MaxCloud did not send them. */
  labels: string[];
  createdAt: string;
  updatedAt: string | null;
}

/** A team inside a company, as a ticket names it. */
export interface MaxCloudTeamModel {
  nativeId: string;
  /** Null when MaxCloud sent an empty name (its own example does). */
  name: string | null;
}

/** A company (组): what a MaxCloud token is scoped to. */
export interface MaxCloudCompanyModel extends VendorRecord {
  kind: 'MaxCloudCompany';
  source: 'MAXCLOUD';
  /** Null when known only by ID (a ticket's company under a token whose company list Tessera has not seen). */
  name: string | null;
  createdAt: string | null;
}

/** The account a MaxCloud session belongs to. The switch answer carries only the e-mail address. */
export interface MaxCloudUserModel {
  /** Null when the session came from a company switch. */
  nativeId: string | null;
  /** Lower-cased. */
  email: string;
  /** MaxCloud's `group_admin`, `admin` and `change_password` flags as given (the doc does not explain them); null when not sent. */
  groupAdmin: number | null;
  admin: number | null;
  changePassword: number | null;
}

/** A MaxCloud token for a caller (from `maxCloudLogin` or `maxCloudSwitchCompany`), to send as `x-maxcloud-token`. */
export interface MaxCloudSessionModel {
  token: string;
  /** Null: MaxCloud does not say how long its tokens live (unless the token is a JWT with `exp`). */
  expiresAt: string | null;
  user: MaxCloudUserModel;
  /** The company the token is scoped to. */
  company: MaxCloudCompanyModel;
  /** Every company the account may switch to. */
  companies: MaxCloudCompanyModel[];
}
