import type { OrgDirectory } from './orgDirectory.js';
import type { NewTeam, OrgRef, TeamPatch, TeamType } from './teamStore.js';

/** Longest accepted team name and signature, in characters (the doc gives no limit; these are the simulator's choice). */
export const TEAM_NAME_MAX = 50;
export const TEAM_SIGNATURE_MAX = 500;

/** Validation errors keyed by field, Laravel style: `{"name":["name 不能为空。"]}`. */
export type FieldErrors = Record<string, string[]>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Reads a `POST /v1/teams` JSON:API document. `data.type` is not checked: the doc's own
 * PATCH example sends `"type":"doc"` for a team, so the vendor evidently ignores it.
 */
export function parseNewTeam(body: unknown, directory: OrgDirectory): Parsed<NewTeam> {
  const doc = readDocument(body);
  if (!doc.ok) return doc;
  const errors: FieldErrors = {};
  const { attributes, relationships } = doc.value;

  const name = readName(attributes.name, true, errors);
  const signature = readSignature(attributes.signature, errors);
  const isSecret = readBoolean('is_secret', attributes.is_secret, errors);
  const type = readType(attributes.type, errors);
  const orgs = readOrgs(relationships, directory, errors);

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { name: name ?? '', signature: signature ?? '', type: type ?? 1, isSecret: isSecret ?? false, orgs: orgs ?? [] },
  };
}

/**
 * Reads a `PATCH /v1/teams/{id}` document. Only name, signature, is_secret and orgs are
 * documented as editable; anything else (including `type`) is ignored.
 */
export function parseTeamPatch(body: unknown, directory: OrgDirectory): Parsed<TeamPatch> {
  const doc = readDocument(body);
  if (!doc.ok) return doc;
  const errors: FieldErrors = {};
  const { attributes, relationships } = doc.value;

  const patch: TeamPatch = {};
  const name = readName(attributes.name, false, errors);
  if (name !== undefined) patch.name = name;
  const signature = readSignature(attributes.signature, errors);
  if (signature !== undefined) patch.signature = signature;
  const isSecret = readBoolean('is_secret', attributes.is_secret, errors);
  if (isSecret !== undefined) patch.isSecret = isSecret;
  const orgs = readOrgs(relationships, directory, errors);
  if (orgs !== undefined) patch.orgs = orgs;

  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: patch };
}

interface Document {
  attributes: Record<string, unknown>;
  relationships: Record<string, unknown>;
}

function readDocument(body: unknown): Parsed<Document> {
  const data = isObject(body) ? body.data : undefined;
  if (!isObject(data)) return { ok: false, errors: { data: ['data 必须是一个对象。'] } };
  const attributes = data.attributes ?? {};
  const relationships = data.relationships ?? {};
  const errors: FieldErrors = {};
  if (!isObject(attributes)) errors.attributes = ['attributes 必须是一个对象。'];
  if (!isObject(relationships)) errors.relationships = ['relationships 必须是一个对象。'];
  if (!isObject(attributes) || !isObject(relationships)) return { ok: false, errors };
  return { ok: true, value: { attributes, relationships } };
}

function readName(value: unknown, required: boolean, errors: FieldErrors): string | undefined {
  if (value === undefined && !required) return undefined;
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    errors.name = ['name 不能为空。'];
    return undefined;
  }
  if (typeof value !== 'string') {
    errors.name = ['name 必须是一个字符串。'];
    return undefined;
  }
  const name = value.trim();
  if ([...name].length > TEAM_NAME_MAX) {
    errors.name = [`name 不能大于 ${TEAM_NAME_MAX} 个字符。`];
    return undefined;
  }
  return name;
}

function readSignature(value: unknown, errors: FieldErrors): string | undefined {
  if (value === undefined) return undefined;
  if (value === null) return '';
  if (typeof value !== 'string') {
    errors.signature = ['signature 必须是一个字符串。'];
    return undefined;
  }
  if ([...value].length > TEAM_SIGNATURE_MAX) {
    errors.signature = [`signature 不能大于 ${TEAM_SIGNATURE_MAX} 个字符。`];
    return undefined;
  }
  return value;
}

/** Laravel's `boolean` rule: true/false, 1/0 and their string forms. */
function readBoolean(field: string, value: unknown, errors: FieldErrors): boolean | undefined {
  if (value === undefined) return undefined;
  if (value === true || value === 1 || value === '1' || value === 'true') return true;
  if (value === false || value === 0 || value === '0' || value === 'false') return false;
  errors[field] = [`${field} 必须是布尔值。`];
  return undefined;
}

/** Laravel's `in:1,2,3,4`: the numeric string form passes too. */
function readType(value: unknown, errors: FieldErrors): TeamType | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  if (n === 1 || n === 2 || n === 3 || n === 4) return n;
  errors.type = ['type 必须是 1(自定义)、2(知识沉淀)、3(项目管理)、4(协会培训)之一。'];
  return undefined;
}

/** `relationships.orgs.data`: staff by userid, departments and contact tags by integer id. Duplicates collapse. */
function readOrgs(relationships: Record<string, unknown>, directory: OrgDirectory, errors: FieldErrors): OrgRef[] | undefined {
  const orgs = relationships.orgs;
  if (orgs === undefined) return undefined;
  const data = isObject(orgs) ? orgs.data : undefined;
  if (!Array.isArray(data)) {
    errors.orgs = ['orgs.data 必须是一个数组。'];
    return undefined;
  }
  const problems: string[] = [];
  const result: OrgRef[] = [];
  const seen = new Set<string>();
  data.forEach((entry: unknown, index) => {
    const org = readOrg(entry, index, directory);
    if (typeof org === 'string') return void problems.push(org);
    const key = `${org.type}:${String(org.id)}`;
    if (!seen.has(key)) {
      seen.add(key);
      result.push(org);
    }
  });
  if (problems.length > 0) {
    errors.orgs = problems;
    return undefined;
  }
  return result;
}

function readOrg(entry: unknown, index: number, directory: OrgDirectory): OrgRef | string {
  const where = `orgs.${index}`;
  if (!isObject(entry)) return `${where} 必须是一个对象。`;
  const { type, id } = entry;
  if (type === 'staff') {
    if (typeof id !== 'string' || id === '') return `${where}.id 必须是员工账号字符串。`;
    const staffId = directory.staff(id);
    return staffId === undefined ? `${where}.id 员工账号\`${id}\`不存在。` : { type, id: staffId };
  }
  if (type === 'department' || type === 'contacttag') {
    const n = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
    if (typeof n !== 'number' || !Number.isInteger(n)) return `${where}.id 必须是整数。`;
    const known = type === 'department' ? directory.hasDepartment(n) : directory.hasContactTag(n);
    if (!known) return `${where}.id ${type === 'department' ? '部门' : '标签'}\`${n}\`不存在。`;
    return { type, id: n };
  }
  return `${where}.type 必须是 staff、department、contacttag 之一。`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
