// node verify.mjs BUNDLE --trust [ORIGIN=]PUB.pem [--trust ...] [--origin O] [--witness NAME=PUB.pem ...]
//   [--quorum N] [--known CHECKPOINT] [--max-age DURATION|any] [--json] [--now MS] [--skew-ms MS]
// The contract of `ddc verify` (docs/CLI.md): first line VALID or INVALID: CODE: message; exit 0 / 1 / 2.
import { readFileSync, statSync } from "node:fs";
import { type Json, canonicalize } from "./json.js";
import { readPublicKey } from "./sm2.js";
import { formatReport } from "./text.js";
import {
  MAX_BUNDLE_BYTES, type Options, type TrustedLog, UsageError, type Witness, checkOptions, readKnown, verifyBundle,
} from "./verify.js";

const USAGE = `usage: node verify.mjs BUNDLE.json --trust [ORIGIN=]PUBKEY.pem [--trust ...] [--origin ORIGIN]
       [--witness NAME=PUBKEY.pem ... [--quorum N]] [--known CHECKPOINT] [--max-age DURATION|any]
       [--json] [--now MS] [--skew-ms MS]`;

class Usage extends Error {}

/** 30d, 12h, 90m, 45s, or ISO-8601 PnDTnHnMnS; milliseconds. */
export function parseDuration(s: string): number {
  let m = /^([0-9]{1,15})([dhms])$/.exec(s);
  if (m) return Number(m[1]) * { d: 86400000, h: 3600000, m: 60000, s: 1000 }[m[2] as "d" | "h" | "m" | "s"];
  m = /^P(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]{1,3})?)S)?)?$/i.exec(s);
  if (m && s.length > 1 && !/T$/i.test(s)) {
    const [, d, h, mi, se] = m;
    return ((Number(d ?? 0) * 24 + Number(h ?? 0)) * 60 + Number(mi ?? 0)) * 60000 + Math.round(Number(se ?? 0) * 1000);
  }
  throw new Usage(`--max-age must look like 30d, 12h, 90m, 45s, PT12H or any, not ${s}`);
}

function readFile(path: string, what: string, max = 1 << 20): Uint8Array {
  try {
    if (statSync(path).size > max) throw new Usage(`${what} ${path} is larger than ${max} bytes`);
    return readFileSync(path);
  } catch (e) {
    if (e instanceof Usage) throw e;
    throw new Usage(`${what} ${path} cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

function key(path: string, what: string) {
  try {
    return readPublicKey(new TextDecoder().decode(readFile(path, what, 64 * 1024)));
  } catch (e) {
    if (e instanceof Usage) throw e;
    throw new Usage(`${what} ${path}: ${(e as Error).message}`);
  }
}

export function main(argv: string[]): number {
  try {
    const trustArgs: string[] = [];
    const witnessArgs: string[] = [];
    let origin: string | undefined, quorum: number | undefined, known: string | undefined, bundle: string | undefined;
    let maxAge: string | undefined, json = false, now = Date.now(), skew: number | undefined;
    const int = (flag: string, v: string | undefined) => {
      if (v === undefined || !/^-?[0-9]{1,16}$/.test(v) || !Number.isSafeInteger(Number(v))) throw new Usage(`${flag} needs an integer`);
      return Number(v);
    };
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const eq = a.startsWith("--") ? a.indexOf("=") : -1;
      const flag = eq > 0 ? a.slice(0, eq) : a;
      const inline = eq > 0 ? a.slice(eq + 1) : undefined;
      const val = () => {
        if (inline !== undefined) return inline;
        if (i + 1 >= argv.length) throw new Usage(`${flag} needs a value`);
        return argv[++i];
      };
      switch (flag) {
        case "--trust": trustArgs.push(val()); break;
        case "--origin": origin = val(); break;
        case "--witness": witnessArgs.push(val()); break;
        case "--quorum": quorum = int("--quorum", val()); break;
        case "--known": known = val(); break;
        case "--max-age": maxAge = val(); break;
        case "--json": json = true; break;
        case "--now": now = int("--now", val()); break;
        case "--skew-ms": skew = int("--skew-ms", val()); break;
        case "-h": case "--help":
          process.stdout.write(USAGE + "\n");
          return 0;
        default:
          if (a.startsWith("-") && a !== "-") throw new Usage(`unknown option ${a}`);
          if (bundle !== undefined) throw new Usage(`one bundle only, not also ${a}`);
          bundle = a;
      }
    }
    if (bundle === undefined) throw new Usage("no bundle given");
    if (trustArgs.length === 0) throw new Usage("--trust is required");
    const trust: TrustedLog[] = trustArgs.map((t) => {
      const eq = t.indexOf("=");
      const o = eq > 0 ? t.slice(0, eq) : origin;
      if (o === undefined) throw new Usage(`--trust ${t} names no log: give --origin ORIGIN or write --trust ORIGIN=PUBKEY.pem`);
      return { origin: o, key: key(eq > 0 ? t.slice(eq + 1) : t, "--trust key") };
    });
    const witnesses: Witness[] = witnessArgs.map((w) => {
      const eq = w.indexOf("=");
      if (eq < 1 || eq === w.length - 1) throw new Usage(`--witness must be NAME=PUBKEY.pem, not ${w}`);
      return { name: w.slice(0, eq), key: key(w.slice(eq + 1), "--witness key") };
    });
    if (quorum !== undefined && witnesses.length === 0) throw new Usage("--quorum needs at least one --witness");
    if (skew !== undefined && skew < 0) throw new Usage("--skew-ms must not be negative");
    const options: Options = {
      trust, now, skewMs: skew, witnesses, quorum,
      maxAgeMs: maxAge === "any" ? null : maxAge === undefined ? 30 * 86400000 : parseDuration(maxAge),
    };
    checkOptions(options);
    const bytes = readFile(bundle, "bundle", MAX_BUNDLE_BYTES + 1); // one byte more: verified as too large
    if (known !== undefined) options.known = readKnown(readFile(known, "--known checkpoint"), trust);
    const report = verifyBundle(bytes, options);
    // --json: one object, members in RFC 8785 order
    process.stdout.write(json ? canonicalize(report as unknown as Json) + "\n" : formatReport(report));
    return report.valid ? 0 : 1;
  } catch (e) {
    if (e instanceof Usage || e instanceof UsageError) {
      process.stderr.write(`verify.mjs: ${e.message}\n${e instanceof Usage ? USAGE + "\n" : ""}`);
      return 2;
    }
    process.stderr.write(`verify.mjs: internal error: ${(e as Error).stack}\n`);
    return 3;
  }
}

process.exitCode = main(process.argv.slice(2));
