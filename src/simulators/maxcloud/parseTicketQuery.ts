/**
 * The ticket search `query` language. The doc shows only `group_tag:mtg AND state:open` and
 * `group_tag:mtg AND labels:日志bug AND state:open`; the simulator accepts this much:
 *
 *   query   := (or)?                  empty or blank: every ticket
 *   or      := and ("OR" and)*
 *   and     := primary (("AND")? primary)*   AND binds tighter than OR; adjacency means AND
 *   primary := "(" or ")" | field ":" value | word | phrase
 *   value   := word | phrase          no space after the colon
 *   phrase  := '"' … '"'              `\"` and `\\` are the only escapes
 *
 * A word runs up to whitespace, `(`, `)`, `"` or `:`; a backslash outside quotes is an ordinary
 * character. `AND`/`OR` are operators only in upper case and unquoted; `NOT` is refused rather
 * than searched for. A bare word or phrase is free text over subject and content.
 */

/**
 * The searchable fields and how a value compares: `keyword` equal ignoring ASCII case,
 * `keywords` any element equal ignoring ASCII case, `integer` numerically equal.
 */
export const TICKET_QUERY_FIELDS = {
  state: 'keyword',
  priority: 'integer',
  group_tag: 'keyword',
  labels: 'keywords',
  created_by: 'keyword',
  assigned_to: 'keyword',
  updated_by: 'keyword',
  team_id: 'integer',
  team_name: 'keyword',
  id: 'integer',
  company_id: 'integer',
} as const;

export type TicketQueryField = keyof typeof TICKET_QUERY_FIELDS;

export type TicketQuery =
  | { kind: 'all' }
  | { kind: 'and'; children: TicketQuery[] }
  | { kind: 'or'; children: TicketQuery[] }
  | { kind: 'field'; field: TicketQueryField; value: string }
  | { kind: 'text'; text: string };

export class TicketQuerySyntaxError extends Error {
  constructor(readonly detail: string, readonly position: number) {
    super(`${detail} at position ${position}`);
    this.name = 'TicketQuerySyntaxError';
  }
}

type Token =
  | { type: 'lparen' | 'rparen' | 'and' | 'or'; at: number }
  | { type: 'field'; field: TicketQueryField; value: string; at: number }
  | { type: 'text'; text: string; at: number };

const isSpace = (ch: string) => /\s/u.test(ch);
const ends = (ch: string | undefined) => ch === undefined || isSpace(ch) || ch === '(' || ch === ')' || ch === '"' || ch === ':';
const isField = (name: string): name is TicketQueryField => Object.hasOwn(TICKET_QUERY_FIELDS, name);

/** Positions count characters (code points) from 0, so they point at the right place in Chinese text too. */
class Tokenizer {
  private pos = 0;
  private readonly chars: string[];

  constructor(query: string) {
    this.chars = [...query];
  }

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      while (isSpace(this.chars[this.pos] ?? '')) this.pos++;
      const at = this.pos;
      const ch = this.chars[at];
      if (ch === undefined) return out;
      if (ch === '(' || ch === ')') {
        this.pos++;
        out.push({ type: ch === '(' ? 'lparen' : 'rparen', at });
      } else if (ch === '"') {
        const text = this.quoted();
        if (text === '') throw new TicketQuerySyntaxError('empty phrase', at);
        out.push({ type: 'text', text, at });
      } else if (ch === ':') {
        throw new TicketQuerySyntaxError("unexpected ':'", at);
      } else {
        out.push(this.wordOrClause(at));
      }
    }
  }

  private word(): string {
    let text = '';
    while (!ends(this.chars[this.pos])) text += this.chars[this.pos++];
    return text;
  }

  private wordOrClause(at: number): Token {
    const word = this.word();
    if (this.chars[this.pos] !== ':') {
      if (word === 'AND') return { type: 'and', at };
      if (word === 'OR') return { type: 'or', at };
      if (word === 'NOT') throw new TicketQuerySyntaxError('NOT is not supported', at);
      return { type: 'text', text: word, at };
    }
    if (!isField(word)) throw new TicketQuerySyntaxError(`unknown field '${word}'`, at);
    this.pos++;
    const next = this.chars[this.pos];
    let value: string;
    if (next === '"') value = this.quoted();
    else if (ends(next)) throw new TicketQuerySyntaxError(`field '${word}' needs a value`, this.pos);
    else value = this.word();
    if (TICKET_QUERY_FIELDS[word] === 'integer' && !/^\d{1,15}$/.test(value)) {
      throw new TicketQuerySyntaxError(`field '${word}' needs an integer, got '${value}'`, at);
    }
    return { type: 'field', field: word, value, at };
  }

  /** A `"…"` phrase starting at the current position; returns its text with escapes removed. */
  private quoted(): string {
    const start = this.pos++;
    let text = '';
    for (;;) {
      const ch = this.chars[this.pos];
      if (ch === undefined) throw new TicketQuerySyntaxError("unterminated '\"'", start);
      this.pos++;
      if (ch === '"') return text;
      if (ch !== '\\') {
        text += ch;
        continue;
      }
      const escaped = this.chars[this.pos];
      if (escaped !== '"' && escaped !== '\\') {
        throw new TicketQuerySyntaxError(escaped === undefined ? "unterminated '\"'" : `unsupported escape '\\${escaped}'`, escaped === undefined ? start : this.pos - 1);
      }
      text += escaped;
      this.pos++;
    }
  }
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[], private readonly length: number) {}

  parse(): TicketQuery {
    if (this.tokens.length === 0) return { kind: 'all' };
    const node = this.or();
    const rest = this.tokens[this.index];
    // Only a stray ')' can be left over: every other token starts or continues a clause.
    if (rest) throw new TicketQuerySyntaxError("unexpected ')'", rest.at);
    return node;
  }

  private or(): TicketQuery {
    const children = [this.and()];
    while (this.tokens[this.index]?.type === 'or') {
      this.index++;
      children.push(this.and());
    }
    return children.length === 1 ? children[0]! : { kind: 'or', children };
  }

  private and(): TicketQuery {
    const children = [this.primary()];
    for (;;) {
      const next = this.tokens[this.index];
      if (next?.type === 'and') {
        this.index++;
        children.push(this.primary());
      } else if (next?.type === 'lparen' || next?.type === 'field' || next?.type === 'text') {
        children.push(this.primary());
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { kind: 'and', children };
  }

  private primary(): TicketQuery {
    const token = this.tokens[this.index++];
    if (token === undefined) throw new TicketQuerySyntaxError('unexpected end of query', this.length);
    switch (token.type) {
      case 'lparen': {
        const node = this.or();
        if (this.tokens[this.index]?.type !== 'rparen') throw new TicketQuerySyntaxError("unclosed '('", token.at);
        this.index++;
        return node;
      }
      case 'field':
        return { kind: 'field', field: token.field, value: token.value };
      case 'text':
        return { kind: 'text', text: token.text };
      case 'rparen':
        throw new TicketQuerySyntaxError("unexpected ')'", token.at);
      default:
        throw new TicketQuerySyntaxError(`unexpected ${token.type.toUpperCase()}`, token.at);
    }
  }
}

/** Parses a search query; throws `TicketQuerySyntaxError` for anything outside the grammar above. */
export function parseTicketQuery(query: string): TicketQuery {
  const tokens = new Tokenizer(query).tokens();
  return new Parser(tokens, [...query].length).parse();
}
