import type { RangeBound, SearchNode, SearchTerm } from './parseSearchQuery.js';

/**
 * How a field is indexed: `text` is analyzed (lower-cased words, each CJK character its own
 * word, as Elasticsearch's standard analyzer does); `keyword` compares whole values.
 */
export type FieldKind = 'text' | 'keyword' | 'number' | 'date' | 'boolean';

export type SearchValue = string | number | boolean | null;
export type SearchDocument = Readonly<Record<string, readonly SearchValue[]>>;

export interface SearchSchema {
  readonly fields: Readonly<Record<string, FieldKind>>;
  /** Fields a term without a field name is looked for in. */
  readonly defaultFields: readonly string[];
}

const DAY = 86_400_000;
const CJK = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])/gu;
const WORD = /[\p{L}\p{N}]+(?:[._'][\p{L}\p{N}]+)*/gu;

/** Elasticsearch's standard analyzer, near enough: `john.smith@example.com` → `john.smith`, `example.com`. */
export function analyze(text: string): string[] {
  return text.toLowerCase().replace(CJK, ' $1 ').match(WORD) ?? [];
}

function containsSequence(haystack: readonly string[], needle: readonly string[]): boolean {
  if (needle.length === 0) return false;
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * A date bound, with Elasticsearch's rounding of missing components: a bare date is the
 * start of that (UTC) day, or its last millisecond when rounding up (`lte`, `gt`). Also
 * simple date math: `now`, `now-7d`, `now+1h`. Times without a zone are read as UTC.
 */
export function parseDateBound(value: string, roundUp: boolean, now: number): number | null {
  const math = /^now(?:([+-])(\d+)([yMwdhHms]))?(?:\/[yMwdhHms])?$/.exec(value);
  if (math) {
    const unit: Record<string, number> = { y: 365 * DAY, M: 30 * DAY, w: 7 * DAY, d: DAY, h: 3_600_000, H: 3_600_000, m: 60_000, s: 1000 };
    const delta = math[1] ? Number(math[2]) * (unit[math[3] ?? 'd'] ?? DAY) : 0;
    return math[1] === '-' ? now - delta : now + delta;
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = Date.parse(`${value}T00:00:00.000Z`);
    if (Number.isNaN(start)) return null;
    return roundUp ? start + DAY - 1 : start;
  }
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(value) ? value : `${value}Z`;
  const ms = Date.parse(withZone);
  return Number.isNaN(ms) ? null : ms;
}

function matchTerm(kind: FieldKind, values: readonly SearchValue[], term: SearchTerm, now: number): boolean {
  const present = values.filter((v): v is string | number | boolean => v !== null && v !== '');
  if (term.matchAll) return present.length > 0;
  const glob = term.glob;
  switch (kind) {
    case 'text': {
      if (glob) return present.some((v) => glob.test(String(v)) || analyze(String(v)).some((word) => glob.test(word)));
      const words = analyze(term.text);
      return present.some((v) => containsSequence(analyze(String(v)), words));
    }
    case 'keyword':
      if (glob) return present.some((v) => glob.test(String(v)));
      return present.some((v) => String(v).toLowerCase() === term.text.toLowerCase());
    case 'number': {
      if (glob) return present.some((v) => glob.test(String(v)));
      const n = Number(term.text);
      return term.text.trim() !== '' && Number.isFinite(n) && present.some((v) => v === n);
    }
    case 'boolean':
      return present.some((v) => String(v) === term.text.toLowerCase());
    case 'date': {
      if (glob) return present.some((v) => glob.test(new Date(Number(v)).toISOString()));
      const from = parseDateBound(term.text, false, now);
      const to = parseDateBound(term.text, true, now);
      return from !== null && to !== null && present.some((v) => Number(v) >= from && Number(v) <= to);
    }
  }
}

function matchRange(kind: FieldKind, values: readonly SearchValue[], lower: RangeBound | null, upper: RangeBound | null, now: number): boolean {
  const present = values.filter((v): v is string | number | boolean => v !== null && v !== '');
  if (kind === 'date' || kind === 'number') {
    const read = (bound: RangeBound, roundUp: boolean): number | null => {
      if (kind === 'number') {
        const n = Number(bound.value);
        return Number.isFinite(n) ? n : null;
      }
      return parseDateBound(bound.value, roundUp, now);
    };
    const lo = lower ? read(lower, !lower.inclusive) : null;
    const hi = upper ? read(upper, upper.inclusive) : null;
    if ((lower && lo === null) || (upper && hi === null)) return false;
    return present.some((raw) => {
      const v = Number(raw);
      if (lower && lo !== null && (lower.inclusive ? v < lo : v <= lo)) return false;
      if (upper && hi !== null && (upper.inclusive ? v > hi : v >= hi)) return false;
      return true;
    });
  }
  return present.some((raw) => {
    const v = String(raw).toLowerCase();
    const lo = lower?.value.toLowerCase();
    const hi = upper?.value.toLowerCase();
    if (lower && lo !== undefined && (lower.inclusive ? v < lo : v <= lo)) return false;
    if (upper && hi !== undefined && (upper.inclusive ? v > hi : v >= hi)) return false;
    return true;
  });
}

/** `title.keyword` addresses the unanalyzed value of `title`. */
function resolveField(schema: SearchSchema, field: string): { name: string; kind: FieldKind } | undefined {
  const direct = schema.fields[field];
  if (direct) return { name: field, kind: direct };
  if (field.endsWith('.keyword')) {
    const name = field.slice(0, -'.keyword'.length);
    const kind = schema.fields[name];
    if (kind) return { name, kind: kind === 'text' ? 'keyword' : kind };
  }
  return undefined;
}

/** Whether a document satisfies a parsed query. Unknown fields match nothing, as unmapped fields do. */
export function matchesSearch(node: SearchNode, doc: SearchDocument, schema: SearchSchema, now: number): boolean {
  switch (node.kind) {
    case 'and':
      return node.children.every((child) => matchesSearch(child, doc, schema, now));
    case 'or':
      return node.children.some((child) => matchesSearch(child, doc, schema, now));
    case 'not':
      return !matchesSearch(node.child, doc, schema, now);
    case 'term': {
      if (node.field === null) {
        if (node.term.matchAll) return true;
        return schema.defaultFields.some((name) => {
          const kind = schema.fields[name];
          return kind !== undefined && matchTerm(kind, doc[name] ?? [], node.term, now);
        });
      }
      const field = resolveField(schema, node.field);
      return field !== undefined && matchTerm(field.kind, doc[field.name] ?? [], node.term, now);
    }
    case 'range': {
      if (node.field === null) return false;
      const field = resolveField(schema, node.field);
      return field !== undefined && matchRange(field.kind, doc[field.name] ?? [], node.lower, node.upper, now);
    }
  }
}
