/**
 * A small evaluator for the subset of the Cloudflare Rules language our stacks render:
 * fields, string literals, `eq`/`ne`/`==`/`!=`, `in {…}`, `matches`/`~`, `contains`, `starts_with()`,
 * `ends_with()`, `lower()`, `and`/`&&`, `or`/`||`, `not`/`!`, parentheses. It lets the cross-layer tests ask
 * "which cache rule would Cloudflare apply to this path?" from the synthesized JSON alone.
 */
export type Fields = Record<string, string>;

type Token = {
  kind: "str" | "ident" | "op" | "lparen" | "rparen" | "lbrace" | "rbrace" | "comma";
  value: string;
};

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "r" && src[i + 1] === '"') {
      // Raw string: backslashes are literal (regexes).
      const end = src.indexOf('"', i + 2);
      tokens.push({ kind: "str", value: src.slice(i + 2, end) });
      i = end + 1;
    } else if (ch === '"') {
      let value = "";
      i++;
      while (i < src.length && src[i] !== '"') {
        if (src[i] === "\\") i++;
        value += src[i++];
      }
      i++;
      tokens.push({ kind: "str", value });
    } else if (ch === "(" || ch === ")" || ch === "{" || ch === "}" || ch === ",") {
      const kind = ({ "(": "lparen", ")": "rparen", "{": "lbrace", "}": "rbrace", ",": "comma" } as const)[
        ch
      ];
      tokens.push({ kind, value: ch });
      i++;
    } else if (/[=!~&|<>]/.test(ch)) {
      let value = ch;
      i++;
      while (i < src.length && /[=&|]/.test(src[i]!)) value += src[i++];
      tokens.push({ kind: "op", value });
    } else {
      let value = "";
      while (i < src.length && /[\w.[\]*]/.test(src[i]!)) value += src[i++];
      if (!value) throw new Error(`unexpected character ${ch} at ${i} in: ${src}`);
      tokens.push({ kind: "ident", value });
    }
  }
  return tokens;
}

export function evaluate(expression: string, fields: Fields): boolean {
  const tokens = tokenize(expression);
  let pos = 0;
  const peek = () => tokens[pos];
  const next = () => {
    const t = tokens[pos++];
    if (!t) throw new Error(`unexpected end of expression: ${expression}`);
    return t;
  };
  const expect = (kind: Token["kind"]) => {
    const t = next();
    if (t.kind !== kind) throw new Error(`expected ${kind}, got ${t.value} in: ${expression}`);
    return t;
  };

  const value = (): string => {
    const t = next();
    if (t.kind === "str") return t.value;
    if (t.kind === "ident" && peek()?.kind === "lparen") {
      expect("lparen");
      const arg = value();
      expect("rparen");
      if (t.value === "lower") return arg.toLowerCase();
      throw new Error(`unsupported function ${t.value}`);
    }
    if (t.kind === "ident") {
      if (!(t.value in fields)) throw new Error(`unknown field ${t.value}`);
      return fields[t.value]!;
    }
    throw new Error(`unexpected ${t.value} in: ${expression}`);
  };

  const comparison = (): boolean => {
    const t = peek();
    if (t?.kind === "lparen") {
      next();
      const inner = or();
      expect("rparen");
      return inner;
    }
    if (t?.kind === "ident" && (t.value === "not" || t.value === "!")) {
      next();
      return !comparison();
    }
    if (t?.kind === "op" && t.value === "!") {
      next();
      return !comparison();
    }
    if (t?.kind === "ident" && t.value === "any") {
      // any(<array expression>): the sample requests carry no headers or cookies, so nothing matches.
      next();
      let depth = 0;
      do {
        const tok = next();
        if (tok.kind === "lparen") depth++;
        if (tok.kind === "rparen") depth--;
      } while (depth > 0);
      return false;
    }
    if (t?.kind === "ident" && (t.value === "starts_with" || t.value === "ends_with")) {
      next();
      expect("lparen");
      const a = value();
      expect("comma");
      const b = value();
      expect("rparen");
      return t.value === "starts_with" ? a.startsWith(b) : a.endsWith(b);
    }
    const left = value();
    const op = next();
    const name = op.value;
    if (name === "eq" || name === "==") return left === value();
    if (name === "ne" || name === "!=") return left !== value();
    if (name === "contains") return left.includes(value());
    if (name === "matches" || name === "~") return new RegExp(value()).test(left);
    if (name === "in") {
      expect("lbrace");
      const set: string[] = [];
      while (peek()?.kind !== "rbrace") set.push(value());
      expect("rbrace");
      return set.includes(left);
    }
    throw new Error(`unsupported operator ${name} in: ${expression}`);
  };

  const and = (): boolean => {
    let result = comparison();
    while (peek() && (peek()!.value === "and" || peek()!.value === "&&")) {
      next();
      const rhs = comparison();
      result = result && rhs;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (peek() && (peek()!.value === "or" || peek()!.value === "||")) {
      next();
      const rhs = and();
      result = result || rhs;
    }
    return result;
  };

  const result = or();
  if (pos !== tokens.length) throw new Error(`trailing tokens in: ${expression}`);
  return result;
}

/** The request fields our expressions use, for a path. */
export function fieldsForPath(path: string, host = "example.com"): Fields {
  const last = path.slice(path.lastIndexOf("/") + 1);
  const dot = last.lastIndexOf(".");
  return {
    "http.request.uri.path": path,
    "http.request.uri.path.extension": dot > 0 ? last.slice(dot + 1).toLowerCase() : "",
    "http.request.uri": path,
    "http.host": host,
    "http.request.method": "GET",
  };
}

/** ALB path-pattern semantics: `*` any run of characters, `?` exactly one, case-sensitive, whole path. */
export function albPathMatches(pattern: string, path: string): boolean {
  const re = new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
  return re.test(path);
}
