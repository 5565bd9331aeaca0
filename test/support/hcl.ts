// A strict parser for the part of HCL's native syntax that Terraform configurations written by
// glance-share use: blocks with labels, attributes, quoted strings with HCL's escapes, traversals
// (`openstack.alias`, `resource_type.name`), object constructors, numbers and booleans, and the
// three comment forms. There is no terraform binary on these machines and no HCL parser in
// node_modules: this follows the HCL native syntax specification for those productions and
// refuses anything else (a stray quote, an unterminated string, an attribute without a newline,
// a template interpolation `${…}` or directive `%{…}` in a string). What it proves: the text is
// HCL that Terraform's parser reads the same way, for these productions, and each string
// decodes to the value it stands for.

export type HclValue =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'traversal'; readonly path: readonly string[] }
  | { readonly kind: 'literal'; readonly value: number | boolean | null }
  | { readonly kind: 'object'; readonly attributes: Readonly<Record<string, HclValue>> };

export interface HclBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: HclBody;
  readonly line: number;
}

export interface HclBody {
  readonly attributes: Readonly<Record<string, HclValue>>;
  readonly blocks: readonly HclBlock[];
}

const IDENT_START = /[\p{ID_Start}_]/u;
const IDENT_PART = /[\p{ID_Continue}\-_]/u;

export function parseHcl(text: string): HclBody {
  let pos = 0;
  let line = 1;
  const fail = (why: string): never => {
    throw new Error(`HCL, line ${line}: ${why} (at ${JSON.stringify(text.slice(pos, pos + 30))})`);
  };
  const peek = () => text[pos];
  const advance = () => {
    if (text[pos] === '\n') line++;
    pos++;
  };

  /** Spaces and comments on this line; newlines are tokens in HCL. */
  const skipInline = () => {
    for (;;) {
      const c = peek();
      if (c === ' ' || c === '\t' || c === '\r') advance();
      else if (c === '#' || (c === '/' && text[pos + 1] === '/')) {
        while (pos < text.length && peek() !== '\n') advance();
      } else if (c === '/' && text[pos + 1] === '*') {
        const end = text.indexOf('*/', pos + 2);
        if (end < 0) fail('unterminated /* comment');
        while (pos < end + 2) advance();
      } else return;
    }
  };
  const skipBlank = () => {
    for (;;) {
      skipInline();
      if (peek() === '\n') advance();
      else return;
    }
  };
  const endOfLine = () => {
    skipInline();
    if (pos >= text.length) return;
    if (peek() !== '\n') fail('expected a newline');
    advance();
  };
  const identifier = (): string => {
    if (!IDENT_START.test(peek() ?? '')) fail('expected an identifier');
    const start = pos;
    while (pos < text.length && IDENT_PART.test(peek() ?? '')) advance();
    return text.slice(start, pos);
  };

  const quoted = (): string => {
    if (peek() !== '"') fail('expected a string');
    advance();
    let value = '';
    for (;;) {
      if (pos >= text.length) fail('unterminated string');
      const c = peek();
      if (c === '\n') fail('newline in a quoted string');
      if (c === '"') {
        advance();
        return value;
      }
      if (c === '\\') {
        const e = text[pos + 1];
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
        if (e !== undefined && e in simple) {
          value += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else if (e === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(pos + 2, pos + 10))) {
          value += String.fromCodePoint(parseInt(text.slice(pos + 2, pos + 10), 16));
          pos += 10;
        } else fail('unknown escape');
        continue;
      }
      if ((c === '$' || c === '%') && text[pos + 1] === c && text[pos + 2] === '{') {
        value += `${c}{`; // `$${` is a literal `${`, `%%{` a literal `%{`
        pos += 3;
        continue;
      }
      if ((c === '$' || c === '%') && text[pos + 1] === '{') fail(`a template ${c}{ in a string`);
      value += c;
      advance();
    }
  };

  const expression = (): HclValue => {
    skipInline();
    const c = peek();
    if (c === '"') return { kind: 'string', value: quoted() };
    if (c === '{') {
      advance();
      const attributes: Record<string, HclValue> = {};
      for (;;) {
        skipBlank();
        if (peek() === '}') {
          advance();
          return { kind: 'object', attributes };
        }
        const key = identifier();
        skipInline();
        if (peek() !== '=') fail('expected = in an object');
        advance();
        if (key in attributes) fail(`duplicate key ${key}`);
        attributes[key] = expression();
        skipInline();
        if (peek() === ',') advance();
        else if (peek() !== '\n' && peek() !== '}') fail('expected a newline, comma or } after an object item');
      }
    }
    if (/[0-9]/.test(c ?? '')) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(text.slice(pos));
      pos += m![0].length;
      return { kind: 'literal', value: Number(m![0]) };
    }
    const first = identifier();
    if (first === 'true' || first === 'false') return { kind: 'literal', value: first === 'true' };
    if (first === 'null') return { kind: 'literal', value: null };
    const path = [first];
    while (peek() === '.') {
      advance();
      path.push(identifier());
    }
    if (peek() === '(' || peek() === '[') fail('only plain traversals are expected here');
    return { kind: 'traversal', path };
  };

  const body = (closing: boolean): HclBody => {
    const attributes: Record<string, HclValue> = {};
    const blocks: HclBlock[] = [];
    for (;;) {
      skipBlank();
      if (pos >= text.length) {
        if (closing) fail('unterminated block');
        return { attributes, blocks };
      }
      if (peek() === '}') {
        if (!closing) fail('unexpected }');
        advance();
        return { attributes, blocks };
      }
      const startLine = line;
      const name = identifier();
      skipInline();
      if (peek() === '=') {
        advance();
        if (name in attributes) fail(`attribute ${name} set twice`);
        attributes[name] = expression();
        endOfLine();
        continue;
      }
      const labels: string[] = [];
      while (peek() !== '{') {
        labels.push(peek() === '"' ? quoted() : identifier());
        skipInline();
      }
      advance();
      endOfLine();
      blocks.push({ type: name, labels, body: body(true), line: startLine });
      endOfLine();
    }
  };
  return body(false);
}

export function stringAttribute(body: HclBody, name: string): string {
  const value = body.attributes[name];
  if (value?.kind !== 'string') throw new Error(`${name} is not a string: ${JSON.stringify(value)}`);
  return value.value;
}
