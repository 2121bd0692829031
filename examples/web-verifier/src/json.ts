// A strict JSON reader (BUNDLE.md §3, ENCODING.md "Numbers") and RFC 8785 canonical output.
// JSON.parse is not used: it keeps the last of duplicate members and has no limits.

export type Json = null | boolean | number | string | Json[] | JsonObject;
/** Objects have a null prototype (a member "__proto__" is an ordinary member). */
export type JsonObject = { [k: string]: Json };

export class JsonError extends Error {}

export type Limits = { maxDepth: number; maxString: number; maxNumberChars: number };
export const BUNDLE_LIMITS: Limits = { maxDepth: 64, maxString: 65536, maxNumberChars: 64 };
export const MAX_SAFE = 9007199254740991;

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 strictly: invalid sequences and a byte order mark are errors. */
export function decodeUtf8(bytes: Uint8Array): string {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new JsonError("a byte order mark is not allowed");
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw new JsonError("invalid UTF-8");
  }
}

export function isObject(v: Json | undefined): v is JsonObject {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses one JSON text under the limits; white space only around the value. */
export function parseJson(text: string, limits: Limits = BUNDLE_LIMITS): Json {
  let i = 0;
  const len = text.length;
  const fail = (what: string): never => {
    throw new JsonError(`${what} at offset ${i}`);
  };
  const ws = () => {
    while (i < len) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
  };
  const str = (): string => {
    // at the opening quote
    i++;
    let out = "";
    let start = i;
    for (;;) {
      if (i >= len) fail("unterminated string");
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        break;
      }
      if (c < 0x20) fail("control character in string");
      if (c === 0x5c) {
        out += text.slice(start, i);
        i++;
        if (i >= len) fail("unterminated escape");
        const e = text[i++];
        switch (e) {
          case '"': out += '"'; break;
          case "\\": out += "\\"; break;
          case "/": out += "/"; break;
          case "b": out += "\b"; break;
          case "f": out += "\f"; break;
          case "n": out += "\n"; break;
          case "r": out += "\r"; break;
          case "t": out += "\t"; break;
          case "u": {
            const h = text.slice(i, i + 4);
            if (!/^[0-9a-fA-F]{4}$/.test(h)) fail("bad \\u escape");
            out += String.fromCharCode(parseInt(h, 16));
            i += 4;
            break;
          }
          default:
            fail("bad escape");
        }
        start = i;
      } else {
        i++;
      }
    }
    // lone surrogates (from escapes; the UTF-8 decoder already refused encoded ones)
    for (let k = 0; k < out.length; k++) {
      const c = out.charCodeAt(k);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = out.charCodeAt(k + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) fail("lone surrogate in string");
        k++;
      } else if (c >= 0xdc00 && c <= 0xdfff) {
        fail("lone surrogate in string");
      }
    }
    if (out.length > limits.maxString) fail(`string longer than ${limits.maxString} UTF-16 code units`);
    return out;
  };
  const num = (): number => {
    const m = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/.exec(text.slice(i, i + limits.maxNumberChars + 2));
    if (!m) fail("malformed number");
    const lit = m![0];
    // a number literal must not run on into more number characters (e.g. "01", "1.")
    const next = text[i + lit.length];
    if (next !== undefined && /[0-9.eE+\-]/.test(next)) fail("malformed number");
    if (lit.length > limits.maxNumberChars) fail(`number literal longer than ${limits.maxNumberChars} characters`);
    i += lit.length;
    const v = Number(lit);
    if (!Number.isFinite(v)) fail(`number ${lit} is not finite as a double`);
    if (Number.isInteger(v) && Math.abs(v) > MAX_SAFE) fail(`integer ${lit} is beyond ±(2^53 − 1)`);
    return v === 0 ? 0 : v; // -0 is 0
  };
  const value = (depth: number): Json => {
    ws();
    if (i >= len) fail("unexpected end");
    const c = text[i];
    if (c === "{") {
      if (depth + 1 > limits.maxDepth) fail(`nesting deeper than ${limits.maxDepth}`);
      i++;
      const o: JsonObject = Object.create(null);
      ws();
      if (text[i] === "}") {
        i++;
        return o;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a member name");
        const k = str();
        if (Object.prototype.hasOwnProperty.call(o, k)) fail(`duplicate member "${k}"`);
        ws();
        if (text[i] !== ":") fail("expected ':'");
        i++;
        o[k] = value(depth + 1);
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "}") {
          i++;
          return o;
        }
        fail("expected ',' or '}'");
      }
    }
    if (c === "[") {
      if (depth + 1 > limits.maxDepth) fail(`nesting deeper than ${limits.maxDepth}`);
      i++;
      const arr: Json[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(depth + 1));
        ws();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail("expected ',' or ']'");
      }
    }
    if (c === '"') return str();
    if (c === "-" || (c >= "0" && c <= "9")) return num();
    if (text.startsWith("true", i)) {
      i += 4;
      return true;
    }
    if (text.startsWith("false", i)) {
      i += 5;
      return false;
    }
    if (text.startsWith("null", i)) {
      i += 4;
      return null;
    }
    return fail("unexpected character");
  };
  const v = value(0);
  ws();
  if (i !== len) fail("content after the JSON value");
  return v;
}

function cmpUtf16(x: string, y: string): number {
  // JS string comparison is by UTF-16 code units, as RFC 8785 §3.2.3 requires
  return x < y ? -1 : x > y ? 1 : 0;
}

/** RFC 8785 canonical JSON (as a string; encode with UTF-8). */
export function canonicalize(v: Json): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new JsonError("not finite");
    return JSON.stringify(v); // ECMAScript Number::toString, -0 as 0: RFC 8785 §3.2.2.3
  }
  if (typeof v === "string") return JSON.stringify(v); // RFC 8785 §3.2.2.2 escaping (lone surrogates refused on input)
  if (Array.isArray(v)) return "[" + v.map(canonicalize).join(",") + "]";
  const keys = Object.keys(v).sort(cmpUtf16);
  return "{" + keys.map((k) => JSON.stringify(k) + ":" + canonicalize(v[k])).join(",") + "}";
}
