// Unit tests: SM3 vectors, SM2 against OpenSSL 3, the strict JSON reader and RFC 8785 output,
// the command's exit codes.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import {
  JsonError, canonicalize, decodeUtf8, parseJson, readPublicKey, sm2Verify, sm3, toHex, utf8,
} from "../dist/lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const corpus = join(here, "../../../docs/conformance");
const ci = process.env.CI === "true";

test("SM3: GB/T 32905 vectors", () => {
  assert.equal(toHex(sm3(utf8("abc"))), "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0");
  assert.equal(toHex(sm3(utf8("abcd".repeat(16)))), "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732");
  assert.equal(toHex(sm3(new Uint8Array(0))), "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
});

function openssl(args, input) {
  return execFileSync("openssl", args, { input, stdio: ["pipe", "pipe", "pipe"] });
}
const haveOpenssl = spawnSync("openssl", ["version"]).status === 0;

/** DER ECDSA-Sig-Value → 64-byte r ‖ s. */
function derToRaw(der) {
  let o = 2;
  if (der[1] & 0x80) o += der[1] & 0x7f;
  const out = new Uint8Array(64);
  for (let k = 0; k < 2; k++) {
    assert.equal(der[o], 0x02);
    const len = der[o + 1];
    let v = der.subarray(o + 2, o + 2 + len);
    while (v.length > 32 && v[0] === 0) v = v.subarray(1);
    out.set(v, 32 * k + 32 - v.length);
    o += 2 + len;
  }
  return out;
}

test("SM2: signatures made by OpenSSL 3 (distid 1234567812345678) verify; altered ones do not", { skip: !haveOpenssl && !ci && "no openssl" }, () => {
  const dir = mkdtempSync(join(tmpdir(), "wv-sm2-"));
  const keyPem = join(dir, "key.pem");
  openssl(["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", keyPem]);
  const pub = openssl(["pkey", "-in", keyPem, "-pubout"]).toString();
  const key = readPublicKey(pub);
  assert.deepEqual(readPublicKey(readFileSync(keyPem, "utf8")).bytes, key.bytes, "a private-key PEM gives its public key");
  for (const msg of ["", "abc", "ddc/request/v1\n{\"v\":1}", "中文 ✓".repeat(50)]) {
    const m = join(dir, "msg");
    writeFileSync(m, msg);
    const der = openssl(["dgst", "-sm3", "-sign", keyPem, "-sigopt", "distid:1234567812345678", m]);
    const sig = derToRaw(der);
    assert.ok(sm2Verify(key, utf8(msg), sig), `OpenSSL signature over ${JSON.stringify(msg.slice(0, 20))} verifies`);
    assert.ok(!sm2Verify(key, utf8(msg + "x"), sig), "another message does not");
    const bad = Uint8Array.from(sig);
    bad[63] ^= 1;
    assert.ok(!sm2Verify(key, utf8(msg), bad), "an altered signature does not");
    const sigFile = join(dir, "sig");
    writeFileSync(sigFile, der);
    writeFileSync(join(dir, "pub.pem"), pub);
    const ok = spawnSync("openssl", ["dgst", "-sm3", "-verify", join(dir, "pub.pem"), "-sigopt", "distid:1234567812345678", "-signature", sigFile, m]);
    assert.equal(ok.status, 0, "OpenSSL verifies its own signature (sanity)");
  }
  // a signature under another distinguishing ID does not verify
  const m = join(dir, "msg");
  writeFileSync(m, "abc");
  const other = derToRaw(openssl(["dgst", "-sm3", "-sign", keyPem, "-sigopt", "distid:someone@example", m]));
  assert.ok(!sm2Verify(key, utf8("abc"), other));
});

test("SM2: the corpus's operator signature verifies (checkpoint of valid-1155)", () => {
  const manifest = JSON.parse(readFileSync(join(corpus, "manifest.json"), "utf8"));
  const bundle = parseJson(readFileSync(join(corpus, "cases/valid-1155.json"), "utf8"));
  const note = bundle.checkpoint;
  const i = note.lastIndexOf("\n\n");
  const raw = Buffer.from(note.slice(i + 2).trim().split(" ")[2], "base64");
  const key = readPublicKey(manifest.keys.operator);
  assert.ok(sm2Verify(key, utf8(note.slice(0, i + 1)), raw.subarray(4)));
  assert.ok(!sm2Verify(key, utf8(note.slice(0, i)), raw.subarray(4)));
});

const malformed = (s) => assert.throws(() => parseJson(s), JsonError, s);

test("JSON: duplicate members, lone surrogates, trailing content, depth, BOM and bad UTF-8 are refused", () => {
  malformed('{"a":1,"a":1}');
  malformed('{"a":{"b":1,"b":2}}');
  malformed('"\\ud800"');
  malformed('"\\udc00x"');
  malformed("{} x");
  malformed("[1,]");
  malformed("{'a':1}");
  malformed('"a\tb"');
  parseJson("[".repeat(64) + "]".repeat(64));
  malformed("[".repeat(65) + "]".repeat(65));
  assert.throws(() => decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d])), JsonError);
  assert.throws(() => decodeUtf8(new Uint8Array([0x22, 0xc3, 0x22])), JsonError);
  assert.throws(() => decodeUtf8(new Uint8Array([0x22, 0xed, 0xa0, 0x80, 0x22])), JsonError); // encoded surrogate
  const o = parseJson('{"__proto__":{"x":1},"constructor":2}');
  assert.equal(canonicalize(o), '{"__proto__":{"x":1},"constructor":2}');
  assert.equal({}.x, undefined);
});

test("JSON numbers: ENCODING.md table", () => {
  for (const [lit, want] of [["7", "7"], ["1.0", "1"], ["1e2", "100"], ["2.50e1", "25"], ["-0", "0"], ["-0.0", "0"],
    ["3.85", "3.85"], ["3.850", "3.85"], ["385e-2", "3.85"], ["0.1", "0.1"], ["1.5e-7", "1.5e-7"], ["5e-324", "5e-324"],
    ["1e-400", "0"], ["-1e-400", "0"], ["9007199254740991", "9007199254740991"], ["0.000001", "0.000001"]]) {
    assert.equal(canonicalize(parseJson(lit)), want, lit);
  }
  for (const lit of ["9007199254740992", "1e16", "1e300", "9007199254740991.5", "-9007199254740992", "1e400", "-1e400",
    "NaN", "Infinity", "01", ".5", "1.", "+1", "0x10", "-", "1e", "1" + "0".repeat(64)]) {
    malformed(lit);
  }
  parseJson("1." + "0".repeat(62)); // 64 characters
  malformed("1." + "0".repeat(63)); // 65 characters
});

test("RFC 8785: members sorted by UTF-16 code units, escapes, numbers", () => {
  const s = parseJson('{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One","\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}');
  const order = [...canonicalize(s).matchAll(/"([^"]*)":"[^"]*"/g)].map((m) => m[1].replace("\\r", "\r").codePointAt(0).toString(16));
  assert.equal(order.join(","), "d,31,80,f6,20ac,1f600,fb33"); // RFC 8785 §3.2.3's example
  assert.equal(canonicalize(parseJson('"\\u0000\\u001f\\/\\"\\\\é\\u2028"')), '"\\u0000\\u001f/\\"\\\\é\u2028"');
  assert.equal(canonicalize([1e21, 1e-7, 123456789012345680000, 0.000001, -5.5, -0]), "[1e+21,1e-7,123456789012345680000,0.000001,-5.5,0]");
});

test("verify.mjs: exit codes 0, 1, 2 and one JSON object with --json", () => {
  const manifest = JSON.parse(readFileSync(join(corpus, "manifest.json"), "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "wv-cli-"));
  const hexToPem = (hex) => {
    const der = Buffer.concat([Buffer.from("3059301306072a8648ce3d020106082a811ccf5501822d034200", "hex"), Buffer.from(hex, "hex")]);
    return `-----BEGIN PUBLIC KEY-----\n${der.toString("base64").match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`;
  };
  const op = join(dir, "operator.pem");
  writeFileSync(op, hexToPem(manifest.keys.operator));
  const run = (...args) => spawnSync(process.execPath, [join(here, "../verify.mjs"), ...args], { encoding: "utf8" });
  const trust = ["--trust", `conformance.ddc.example/ledger=${op}`, "--now", "1790003600000"];
  let r = run(join(corpus, "cases/valid-721-metadata.json"), ...trust);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.split("\n")[0], "VALID");
  r = run(join(corpus, "cases/DDC_BURNED--burned.json"), ...trust);
  assert.equal(r.status, 1);
  assert.match(r.stdout.split("\n")[0], /^INVALID: DDC_BURNED: /);
  r = run(join(corpus, "cases/MALFORMED_BUNDLE--truncated.json"), ...trust, "--json");
  assert.equal(r.status, 1);
  const j = JSON.parse(r.stdout);
  assert.equal(j.code, "MALFORMED_BUNDLE");
  assert.equal(j.valid, false);
  r = run(join(corpus, "cases/valid-721-metadata.json"), "--trust", op);
  assert.equal(r.status, 2, "a key without an origin");
  r = run(join(corpus, "cases/valid-721-metadata.json"), ...trust, "--known", join(corpus, "known/other-origin.checkpoint"));
  assert.equal(r.status, 2, "an untrusted known checkpoint");
  r = run(join(corpus, "cases/valid-721-metadata.json"), ...trust, "--witness", `w=${op}`);
  assert.equal(r.status, 2, "a witness with the log's key");
  r = run(join(corpus, "cases/valid-721-metadata.json"), ...trust, "--max-age", "soon");
  assert.equal(r.status, 2);
  r = run(join(dir, "missing.json"), ...trust);
  assert.equal(r.status, 2);
  r = run(join(corpus, "cases/STALE_CHECKPOINT--31-days.json"), ...trust.slice(0, 2), "--now", "1792682000000", "--max-age", "30d");
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^INVALID: STALE_CHECKPOINT/);
});

test("signed notes: C2SP key names and signature lengths", async () => {
  const { parseNote } = await import("../dist/lib.mjs");
  const sig = (n) => Buffer.alloc(n).toString("base64");
  const note = (line) => parseNote(`o\n1\n\n\u2014 o ${sig(68)}\n${line}\n`);
  assert.equal(typeof note(`\u2014 cosigner ${sig(76)}`), "object", "a line of another signature type is kept (and ignored)");
  assert.equal(typeof note(`\u2014 w ${sig(5)}`), "object");
  assert.equal(typeof note(`\u2014 w ${sig(4)}`), "string", "a key ID without a signature");
  for (const name of ["a+b", "a\u00a0b", "a\u0085b", "a\u3000b", "a\u2028b"]) {
    assert.equal(typeof note(`\u2014 ${name} ${sig(68)}`), "string", JSON.stringify(name));
  }
  assert.equal(typeof note(`\u2014 w ${sig(68).replace(/=*$/, "")}`), "string", "base64 without padding");
  assert.equal(typeof parseNote(`o\n1\n\n\u2014 o ${sig(68)}`), "string", "no final newline");
  assert.equal(typeof parseNote(`o\n1\n\n${`\u2014 o ${sig(68)}\n`.repeat(101)}`), "string", "101 signatures");
  assert.equal(typeof parseNote(`o\n1\u007f\n\n\u2014 o ${sig(68)}\n`), "string", "DEL");
});
