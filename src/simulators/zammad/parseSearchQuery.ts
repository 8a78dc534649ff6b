/**
 * A parser for the Lucene query string syntax Zammad hands to Elasticsearch
 * (`query_string` with `default_operator: AND`): fields (`state.name:open`), phrases,
 * backslash escapes, AND/OR/NOT (also `&&`, `||`, `!`, `+`, `-`), parentheses, field groups
 * (`state.name:(open OR new)`), ranges (`[a TO b]`, `{a TO b}`, `*` open ends, `>`/`<`
 * shorthands) and `*`/`?` wildcards. Regular expressions (`/…/`) are not supported.
 */

export interface SearchTerm {
  /** The value with escapes removed (wildcards shown as `*`/`?`). */
  text: string;
  /** From a quoted phrase: never a wildcard. */
  phrase: boolean;
  /** Case-insensitive whole-value pattern when the term has an unescaped `*` or `?`. */
  glob: RegExp | null;
  /** Nothing but unescaped `*`: matches any value. */
  matchAll: boolean;
}

export interface RangeBound {
  value: string;
  inclusive: boolean;
}

export type SearchNode =
  | { kind: 'and'; children: SearchNode[] }
  | { kind: 'or'; children: SearchNode[] }
  | { kind: 'not'; child: SearchNode }
  | { kind: 'term'; field: string | null; term: SearchTerm }
  | { kind: 'range'; field: string | null; lower: RangeBound | null; upper: RangeBound | null };

export class SearchQuerySyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'SearchQuerySyntaxError';
  }
}

type Token =
  | { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'plus' | 'minus'; at: number }
  | { type: 'field'; name: string; at: number }
  | { type: 'term'; term: SearchTerm; at: number }
  | { type: 'range'; lower: RangeBound | null; upper: RangeBound | null; at: number };

type Part = string | { wildcard: '*' | '?' };

const WORD_END = new Set([' ', '\t', '\n', '\r', '(', ')', '"', '[', ']', '{', '}', ':', '^', '~']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termOf(parts: Part[], phrase: boolean): SearchTerm {
  const text = parts.map((p) => (typeof p === 'string' ? p : p.wildcard)).join('');
  const wild = parts.some((p) => typeof p !== 'string');
  const matchAll = wild && parts.every((p) => typeof p !== 'string' && p.wildcard === '*');
  const glob = wild
    ? new RegExp(`^${parts.map((p) => (typeof p === 'string' ? escapeRegExp(p) : p.wildcard === '*' ? '.*' : '.')).join('')}$`, 'isu')
    : null;
  return { text, phrase, glob, matchAll };
}

function unescape(text: string): string {
  return text.replace(/\\(.)/gsu, '$1');
}

class Tokenizer {
  private pos = 0;
  private readonly chars: string[];

  constructor(query: string) {
    this.chars = [...query];
  }

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const ch = this.chars[this.pos];
      if (ch === undefined) return out;
      const next = this.chars[this.pos + 1];
      if (ch === '(') { this.pos++; out.push({ type: 'lparen', at }); continue; }
      if (ch === ')') { this.pos++; out.push({ type: 'rparen', at }); continue; }
      if (ch === '&' && next === '&') { this.pos += 2; out.push({ type: 'and', at }); continue; }
      if (ch === '|' && next === '|') { this.pos += 2; out.push({ type: 'or', at }); continue; }
      if (ch === '!') { this.pos++; out.push({ type: 'not', at }); continue; }
      if (ch === '+') { this.pos++; out.push({ type: 'plus', at }); continue; }
      if (ch === '-') { this.pos++; out.push({ type: 'minus', at }); continue; }
      if (ch === '"') { out.push({ type: 'term', term: this.phrase(), at }); this.skipModifiers(); continue; }
      if (ch === '[' || ch === '{') { out.push({ type: 'range', ...this.range(), at }); continue; }
      if (ch === '>' || ch === '<') { out.push({ type: 'range', ...this.comparison(), at }); continue; }
      if (ch === '/') throw new SearchQuerySyntaxError('regular expressions are not supported', at);
      if (ch === ':' || ch === ']' || ch === '}' || ch === '^' || ch === '~') throw new SearchQuerySyntaxError(`unexpected '${ch}'`, at);

      const parts = this.word();
      const plain = parts.length === 1 && typeof parts[0] === 'string' && !this.hadEscape ? parts[0] : null;
      if (this.chars[this.pos] === ':') {
        this.pos++;
        out.push({ type: 'field', name: parts.map((p) => (typeof p === 'string' ? p : p.wildcard)).join(''), at });
        continue;
      }
      if (plain === 'AND') out.push({ type: 'and', at });
      else if (plain === 'OR') out.push({ type: 'or', at });
      else if (plain === 'NOT') out.push({ type: 'not', at });
      else out.push({ type: 'term', term: termOf(parts, false), at });
      this.skipModifiers();
    }
  }

  private hadEscape = false;

  private skipSpace(): void {
    while (/\s/u.test(this.chars[this.pos] ?? '')) this.pos++;
  }

  /** Boosts (`^2`) and fuzziness/proximity (`~`, `~2`) change scoring only: skipped. */
  private skipModifiers(): void {
    while (this.chars[this.pos] === '^' || this.chars[this.pos] === '~') {
      this.pos++;
      while (/[\d.]/.test(this.chars[this.pos] ?? '')) this.pos++;
    }
  }

  private word(): Part[] {
    const parts: Part[] = [];
    let literal = '';
    this.hadEscape = false;
    for (;;) {
      const ch = this.chars[this.pos];
      if (ch === undefined || WORD_END.has(ch) || /\s/u.test(ch)) break;
      if ((ch === '&' || ch === '|') && this.chars[this.pos + 1] === ch) break;
      if (ch === '/') throw new SearchQuerySyntaxError('regular expressions are not supported', this.pos);
      if (ch === '\\') {
        const escaped = this.chars[this.pos + 1];
        if (escaped === undefined) throw new SearchQuerySyntaxError('dangling escape', this.pos);
        literal += escaped;
        this.hadEscape = true;
        this.pos += 2;
        continue;
      }
      if (ch === '*' || ch === '?') {
        if (literal !== '') parts.push(literal);
        literal = '';
        parts.push({ wildcard: ch });
        this.pos++;
        continue;
      }
      literal += ch;
      this.pos++;
    }
    if (literal !== '') parts.push(literal);
    return parts;
  }

  private phrase(): SearchTerm {
    const start = this.pos;
    this.pos++;
    let text = '';
    for (;;) {
      const ch = this.chars[this.pos];
      if (ch === undefined) throw new SearchQuerySyntaxError('unterminated phrase', start);
      if (ch === '"') { this.pos++; break; }
      if (ch === '\\') {
        const escaped = this.chars[this.pos + 1];
        if (escaped === undefined) throw new SearchQuerySyntaxError('unterminated phrase', start);
        text += escaped;
        this.pos += 2;
        continue;
      }
      text += ch;
      this.pos++;
    }
    return termOf([text], true);
  }

  private range(): { lower: RangeBound | null; upper: RangeBound | null } {
    const start = this.pos;
    const lowerInclusive = this.chars[this.pos] === '[';
    this.pos++;
    const values: string[] = [];
    let current = '';
    let quoted = false;
    let upperInclusive: boolean | undefined;
    while (upperInclusive === undefined) {
      const ch = this.chars[this.pos];
      if (ch === undefined) throw new SearchQuerySyntaxError('unterminated range', start);
      this.pos++;
      if (ch === '\\') {
        current += ch + (this.chars[this.pos] ?? '');
        this.pos++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (!quoted && (ch === ']' || ch === '}')) {
        upperInclusive = ch === ']';
      } else if (!quoted && /\s/u.test(ch)) {
        if (current !== '') values.push(current);
        current = '';
      } else {
        current += ch;
      }
    }
    if (current !== '') values.push(current);
    if (values.length !== 3 || values[1] !== 'TO') throw new SearchQuerySyntaxError('a range needs "<from> TO <to>"', start);
    const bound = (raw: string, inclusive: boolean): RangeBound | null => (raw === '*' ? null : { value: unescape(raw), inclusive });
    this.skipModifiers();
    return { lower: bound(values[0] ?? '*', lowerInclusive), upper: bound(values[2] ?? '*', upperInclusive) };
  }

  /** `>5`, `>=2026-01-01`, `<now-7d`, `<=10`. */
  private comparison(): { lower: RangeBound | null; upper: RangeBound | null } {
    const start = this.pos;
    const op = this.chars[this.pos] ?? '>';
    this.pos++;
    const inclusive = this.chars[this.pos] === '=';
    if (inclusive) this.pos++;
    const value = this.chars[this.pos] === '"' ? this.phrase().text : unescape(this.word().map((p) => (typeof p === 'string' ? p : p.wildcard)).join(''));
    if (value === '') throw new SearchQuerySyntaxError('a comparison needs a value', start);
    const bound = { value, inclusive };
    return op === '>' ? { lower: bound, upper: null } : { lower: null, upper: bound };
  }
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  parse(): SearchNode {
    if (this.tokens.length === 0) throw new SearchQuerySyntaxError('empty query', 0);
    const node = this.or(null);
    const rest = this.peek();
    if (rest) throw new SearchQuerySyntaxError(`unexpected ${rest.type === 'rparen' ? "')'" : rest.type}`, rest.at);
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private take(): Token {
    const token = this.tokens[this.index++];
    if (!token) throw new SearchQuerySyntaxError('unexpected end of query', this.length);
    return token;
  }

  private or(field: string | null): SearchNode {
    const children = [this.and(field)];
    while (this.peek()?.type === 'or') {
      this.index++;
      children.push(this.and(field));
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  /** Adjacent clauses are ANDed: Zammad sets `default_operator: AND`. */
  private and(field: string | null): SearchNode {
    const children = [this.unary(field)];
    for (;;) {
      const next = this.peek();
      if (next?.type === 'and') {
        this.index++;
        children.push(this.unary(field));
      } else if (next && next.type !== 'or' && next.type !== 'rparen') {
        children.push(this.unary(field));
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private unary(field: string | null): SearchNode {
    const token = this.peek();
    if (token?.type === 'not' || token?.type === 'minus') {
      this.index++;
      return { kind: 'not', child: this.unary(field) };
    }
    if (token?.type === 'plus') {
      this.index++;
      return this.unary(field);
    }
    return this.primary(field);
  }

  private primary(field: string | null): SearchNode {
    const token = this.take();
    switch (token.type) {
      case 'lparen': {
        const node = this.or(field);
        const close = this.peek();
        if (close?.type !== 'rparen') throw new SearchQuerySyntaxError("missing ')'", close?.at ?? this.length);
        this.index++;
        return node;
      }
      case 'field': {
        if (field !== null) throw new SearchQuerySyntaxError('a field inside a field group', token.at);
        const value = this.peek();
        if (!value || (value.type !== 'lparen' && value.type !== 'term' && value.type !== 'range')) {
          throw new SearchQuerySyntaxError(`field '${token.name}' has no value`, token.at);
        }
        return this.primary(token.name);
      }
      case 'term':
        return { kind: 'term', field, term: token.term };
      case 'range':
        return { kind: 'range', field, lower: token.lower, upper: token.upper };
      default:
        throw new SearchQuerySyntaxError(`unexpected ${token.type}`, token.at);
    }
  }
}

/** Parses a query; throws `SearchQuerySyntaxError` where Elasticsearch would refuse it. */
export function parseSearchQuery(query: string): SearchNode {
  const tokens = new Tokenizer(query).tokens();
  return new Parser(tokens, [...query].length).parse();
}
