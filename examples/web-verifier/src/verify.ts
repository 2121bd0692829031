// The bundle verifier, written from docs/BUNDLE.md (format version 2) alone.
import { concat, equalBytes, fromHex, toHex, utf8 } from "./bytes.js";
import {
  BUNDLE_LIMITS, JsonError, MAX_SAFE, canonicalize, decodeUtf8, isObject, parseJson,
  type Json, type JsonObject,
} from "./json.js";
import { leafHash, verifyConsistency, verifyInclusion } from "./merkle.js";
import { type Checkpoint, type Note, isKeyName, originOf, parseCheckpointText, parseNote, signedBy } from "./note.js";
import { type PublicKey, parsePublicKeyHex, verify as sm2Verify } from "./sm2.js";
import { sm3 } from "./sm3.js";

export const STEPS = [
  "PARSE", "CHECKPOINT_SIGNATURE", "CONSISTENCY", "MINT_INCLUSION", "ISSUER_KEY", "REQUEST_SIGNATURE",
  "MINT_BINDING", "METADATA", "STATE_PROOF", "STATUS", "FRESHNESS",
] as const;
export type StepName = (typeof STEPS)[number];
export type Outcome = "PASSED" | "FAILED" | "SKIPPED";
export type StepResult = { step: StepName; outcome: Outcome; code: string; message: string };

export type Claims = {
  ddc: number; kind: "721" | "1155"; amount: number;
  issuer: string; issuerName: string; recipient: string;
  uri?: string; ref?: string; locked: boolean;
  issuerKey: "current" | "retired" | "revoked"; loggedAt: number;
  checkpointTime: number; checkpointAgeMs: number; status: string;
  holders: Record<string, number>;
  revealed: Record<string, Json>; hiddenFields: number;
  origin: string; checkpointSize: number; bundleId: string;
};

export type Report = { valid: boolean; code: string; steps: StepResult[]; claims?: Claims };

export type TrustedLog = { origin: string; key: PublicKey };
export type Witness = { name: string; key: PublicKey };
export type KnownCheckpoint = { note: Note; cp: Checkpoint };

export type Options = {
  trust: TrustedLog[];
  now: number; // ms since the epoch
  maxAgeMs: number | null; // null: any age
  skewMs?: number; // default 5 minutes
  witnesses?: Witness[];
  quorum?: number; // default: all witnesses
  known?: KnownCheckpoint;
};

export const DEFAULT_SKEW_MS = 5 * 60 * 1000;
export const MAX_BUNDLE_BYTES = 1 << 20;

/** Inputs that must be refused before verifying (the corpus's USAGE_ERROR, the CLI's exit 2). */
export class UsageError extends Error {}

/** Checks the verifier's configuration (witnesses, quorum); throws UsageError. */
export function checkOptions(o: Options): void {
  if (o.trust.length === 0) throw new UsageError("no trusted (origin, key) pair");
  for (const t of o.trust) if (!t.origin || /[\s]/.test(t.origin)) throw new UsageError(`bad origin "${t.origin}"`);
  const ws = o.witnesses ?? [];
  const names = new Set<string>();
  const keys = new Set<string>();
  const logKeys = new Set(o.trust.map((t) => toHex(t.key.bytes)));
  for (const w of ws) {
    if (!isKeyName(w.name)) throw new UsageError(`bad witness name "${w.name}": no spaces or '+'`);
    const k = toHex(w.key.bytes);
    if (names.has(w.name)) throw new UsageError(`witness name ${w.name} given twice`);
    if (keys.has(k)) throw new UsageError(`witness key of ${w.name} given twice`);
    if (logKeys.has(k)) throw new UsageError(`witness ${w.name} has a trusted log key`);
    names.add(w.name);
    keys.add(k);
  }
  if (o.quorum !== undefined) {
    if (ws.length === 0) throw new UsageError("a quorum without witnesses");
    if (!Number.isInteger(o.quorum) || o.quorum < 1 || o.quorum > ws.length) {
      throw new UsageError(`quorum ${o.quorum} is not between 1 and ${ws.length}`);
    }
  }
}

/** Reads a known checkpoint (the caller's input): malformed or untrusted is a UsageError. */
export function readKnown(bytes: Uint8Array, trust: TrustedLog[]): KnownCheckpoint {
  let s: string;
  try {
    s = decodeUtf8(bytes);
  } catch {
    throw new UsageError("the known checkpoint is not UTF-8 text");
  }
  const note = parseNote(s);
  if (typeof note === "string") throw new UsageError(`the known checkpoint is not a signed note: ${note}`);
  const cp = parseCheckpointText(note.text);
  if (typeof cp === "string") throw new UsageError(`the known checkpoint is malformed: ${cp}`);
  const keys = trust.filter((t) => t.origin === cp.origin);
  if (keys.length === 0) throw new UsageError(`the known checkpoint's origin ${cp.origin} is not trusted`);
  if (!keys.some((t) => signedBy(note, t.origin, t.key))) {
    throw new UsageError(`the known checkpoint is not signed by a key trusted for ${cp.origin}`);
  }
  return { note, cp };
}

// ---------------------------------------------------------------------------------------------
// §3 Reading a bundle

class Malformed extends Error {}
class Fail extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function bad(path: string, what: string): never {
  throw new Malformed(`${path}: ${what}`);
}

function members(v: Json | undefined, path: string, required: string[], optional: string[] = []): JsonObject {
  if (!isObject(v)) bad(path, "must be an object");
  for (const k of required) if (!(k in v)) bad(path, `missing member "${k}"`);
  for (const k of Object.keys(v)) {
    if (!required.includes(k) && !optional.includes(k)) bad(path, `unknown member "${k}"`);
  }
  return v;
}

function integer(v: Json | undefined, path: string, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) bad(path, "must be an integer");
  if (v < min || v > MAX_SAFE) bad(path, `must be an integer from ${min} to 2^53 − 1`);
  return v;
}
const positive = (v: Json | undefined, path: string) => integer(v, path, 1);
const nonNegative = (v: Json | undefined, path: string) => integer(v, path, 0);

function str(v: Json | undefined, path: string): string {
  if (typeof v !== "string") bad(path, "must be a string");
  return v;
}
function bool(v: Json | undefined, path: string): boolean {
  if (typeof v !== "boolean") bad(path, "must be true or false");
  return v;
}
function constant(v: Json | undefined, path: string, c: Json): void {
  if (v !== c) bad(path, `must be ${JSON.stringify(c)}`);
}
function oneOf<T extends string>(v: Json | undefined, path: string, values: readonly T[]): T {
  if (typeof v !== "string" || !values.includes(v as T)) bad(path, `must be one of ${values.join(", ")}`);
  return v as T;
}
const DID_RE = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]+$/;
function did(v: Json | undefined, path: string): string {
  const s = str(v, path);
  if (s.length > 256 || !DID_RE.test(s)) bad(path, "must be a DID (did:<method>:<id>, at most 256 characters)");
  return s;
}
const CONTROL_RE = /[\u0000-\u001f\u007f]/;
function text(v: Json | undefined, path: string, max = 256): string {
  const s = str(v, path);
  if (s.length < 1 || s.length > max || CONTROL_RE.test(s)) bad(path, `must be text of 1 to ${max} characters without control characters`);
  return s;
}
function ref(v: Json | undefined, path: string): string {
  const s = str(v, path);
  if (!/^[\u0021-\u007e]{1,128}$/.test(s)) bad(path, "must be 1 to 128 printable ASCII characters");
  return s;
}
function hash(v: Json | undefined, path: string): string {
  const s = str(v, path);
  if (!/^[0-9a-f]{64}$/.test(s)) bad(path, "must be a hash (64 lowercase hex digits)");
  return s;
}
function signature(v: Json | undefined, path: string): string {
  const s = str(v, path);
  if (!/^[0-9a-f]{128}$/.test(s)) bad(path, "must be a signature (128 lowercase hex digits)");
  return s;
}
function hashes(v: Json | undefined, path: string, max = 64): string[] {
  if (!Array.isArray(v)) bad(path, "must be an array of hashes");
  if (v.length > max) bad(path, `holds more than ${max} hashes`);
  return v.map((h, i) => hash(h, `${path}[${i}]`));
}

const OPS = ["ddc721.mint", "ddc721.safeMint", "ddc1155.safeMint"] as const;
type Op = (typeof OPS)[number];

type KeyRecord = { key: PublicKey; from: number; until?: number; compromisedSince?: number };
type Revealed = { path: string; salt: string; value: Json };

type Bundle = {
  json: JsonObject; // the whole bundle, for JCS(bundle)
  ddc: number;
  checkpoint: string;
  seq: number;
  event: JsonObject;
  at: number;
  data: JsonObject;
  req: JsonObject;
  op: Op;
  actor: string;
  count: number;
  reqRoot: string;
  deadline?: number;
  sig: string;
  index: number;
  item: JsonObject;
  inclusion: string[];
  itemPath: string[];
  issuerLeaf: JsonObject;
  issuerDid: string;
  issuerName: string;
  issuerIndex: number;
  keys: KeyRecord[];
  issuerPath: string[];
  stateLeaf: JsonObject;
  statePath: string[];
  holders?: JsonObject;
  revealed: Revealed[];
  hidden: string[];
  consistency?: { from: number; proof: string[] };
};

function isLeafValue(v: Json): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (isObject(v)) return Object.keys(v).length === 0;
  return true;
}

function pointer(v: Json | undefined, path: string): string {
  const s = str(v, path);
  if (!s.startsWith("/") || /~(?![01])/.test(s)) bad(path, "must be a JSON Pointer (RFC 6901) starting with /");
  return s;
}

/** Reads the bundle under §3; throws Malformed, or Fail(UNSUPPORTED_VERSION). */
function readBundle(bytes: Uint8Array): Bundle {
  if (bytes.length > MAX_BUNDLE_BYTES) throw new Malformed(`the bundle is ${bytes.length} bytes, more than 1 MiB`);
  let root: Json;
  try {
    root = parseJson(decodeUtf8(bytes), BUNDLE_LIMITS);
  } catch (e) {
    if (e instanceof JsonError) throw new Malformed(`not strict JSON: ${e.message}`);
    throw e;
  }
  if (!isObject(root)) throw new Malformed("the bundle is not a JSON object");
  const v = root.v;
  if (typeof v !== "number" || !Number.isInteger(v)) throw new Malformed("member v is absent or not an integer");
  if (v !== 2) throw new Fail("UNSUPPORTED_VERSION", `bundle version ${v}; only version 2 is accepted`);

  const b = members(root, "bundle", ["v", "type", "ddc", "checkpoint", "mint", "issuer", "state", "metadata"], ["consistency"]);
  constant(b.type, "/type", "ddc.bundle");
  const ddc = positive(b.ddc, "/ddc");
  const checkpoint = str(b.checkpoint, "/checkpoint");

  const mint = members(b.mint, "/mint", ["seq", "event", "inclusion", "itemPath"]);
  const seq = nonNegative(mint.seq, "/mint/seq");
  const event = members(mint.event, "/mint/event", ["v", "type", "at", "cause", "data"]);
  constant(event.v, "/mint/event/v", 1);
  constant(event.type, "/mint/event/type", "ddc.minted");
  const at = nonNegative(event.at, "/mint/event/at");
  const data = members(event.data, "/mint/event/data", ["ddc", "kind", "creator", "to", "amount", "locked"], ["uri", "metadataRoot", "ref"]);
  positive(data.ddc, "/mint/event/data/ddc");
  oneOf(data.kind, "/mint/event/data/kind", ["721", "1155"]);
  did(data.creator, "/mint/event/data/creator");
  did(data.to, "/mint/event/data/to");
  positive(data.amount, "/mint/event/data/amount");
  bool(data.locked, "/mint/event/data/locked");
  if ("uri" in data) text(data.uri, "/mint/event/data/uri", 4096);
  if ("metadataRoot" in data) hash(data.metadataRoot, "/mint/event/data/metadataRoot");
  if ("ref" in data) ref(data.ref, "/mint/event/data/ref");

  const causeObj = event.cause;
  const reqProbe = isObject(causeObj) && isObject(causeObj.req) ? causeObj.req : undefined;
  const relayed = reqProbe !== undefined && "relayer" in reqProbe;
  const cause = members(causeObj, "/mint/event/cause", relayed ? ["req", "sig", "index", "item", "relayerSig"] : ["req", "sig", "index", "item"]);
  const req = members(cause.req, "/mint/event/cause/req", ["v", "ledger", "op", "actor", "nonce", "count", "root"], ["deadline", "relayer"]);
  constant(req.v, "/mint/event/cause/req/v", 1);
  text(req.ledger, "/mint/event/cause/req/ledger");
  const op = oneOf(req.op, "/mint/event/cause/req/op", OPS);
  const actor = did(req.actor, "/mint/event/cause/req/actor");
  positive(req.nonce, "/mint/event/cause/req/nonce");
  const count = positive(req.count, "/mint/event/cause/req/count");
  if (count > 100000) bad("/mint/event/cause/req/count", "must be at most 100,000");
  const reqRoot = hash(req.root, "/mint/event/cause/req/root");
  const deadline = "deadline" in req ? positive(req.deadline, "/mint/event/cause/req/deadline") : undefined;
  if (relayed) {
    did(req.relayer, "/mint/event/cause/req/relayer");
    signature(cause.relayerSig, "/mint/event/cause/relayerSig");
  }
  const sig = signature(cause.sig, "/mint/event/cause/sig");
  const index = nonNegative(cause.index, "/mint/event/cause/index");
  if (index >= count) bad("/mint/event/cause/index", "must be less than req.count");

  const is1155 = op === "ddc1155.safeMint";
  const safe = op !== "ddc721.mint";
  const itemOptional = ["uri", "metadataRoot", "ref", "locked", "consent"];
  if (safe) itemOptional.push("data");
  const item = members(cause.item, "/mint/event/cause/item", is1155 ? ["to", "amount"] : ["to"], itemOptional);
  did(item.to, "/mint/event/cause/item/to");
  if ("uri" in item) text(item.uri, "/mint/event/cause/item/uri", 4096);
  if ("metadataRoot" in item) hash(item.metadataRoot, "/mint/event/cause/item/metadataRoot");
  if ("ref" in item) ref(item.ref, "/mint/event/cause/item/ref");
  if ("locked" in item) bool(item.locked, "/mint/event/cause/item/locked");
  if ("consent" in item) signature(item.consent, "/mint/event/cause/item/consent");
  if (is1155) positive(item.amount, "/mint/event/cause/item/amount");
  if ("data" in item) {
    const d = str(item.data, "/mint/event/cause/item/data");
    if (!/^(?:[0-9a-f]{2})*$/.test(d) || d.length > 2048) bad("/mint/event/cause/item/data", "must be lowercase hex of at most 1024 bytes");
  }
  if (count === 1 && toHex(leafHash(utf8(canonicalize(item)))) !== reqRoot) {
    bad("/mint/event/cause/item", "req.count is 1 but the item's leaf hash is not req.root");
  }
  const inclusion = hashes(mint.inclusion, "/mint/inclusion");
  const itemPath = hashes(mint.itemPath, "/mint/itemPath");

  const issuer = members(b.issuer, "/issuer", ["leaf", "path"]);
  const leaf = members(issuer.leaf, "/issuer/leaf", ["v", "index", "did", "name", "role", "leader", "platformState", "operatorState", "keys"]);
  constant(leaf.v, "/issuer/leaf/v", 1);
  const issuerIndex = nonNegative(leaf.index, "/issuer/leaf/index");
  const issuerDid = did(leaf.did, "/issuer/leaf/did");
  const issuerName = text(leaf.name, "/issuer/leaf/name");
  oneOf(leaf.role, "/issuer/leaf/role", ["operator", "platform", "consumer"]);
  did(leaf.leader, "/issuer/leaf/leader");
  oneOf(leaf.platformState, "/issuer/leaf/platformState", ["active", "frozen"]);
  oneOf(leaf.operatorState, "/issuer/leaf/operatorState", ["active", "frozen"]);
  if (!Array.isArray(leaf.keys) || leaf.keys.length < 1 || leaf.keys.length > 32) bad("/issuer/leaf/keys", "must hold 1 to 32 key records");
  const keys: KeyRecord[] = leaf.keys.map((k, i) => {
    const p = `/issuer/leaf/keys[${i}]`;
    const r = members(k, p, ["key", "from"], ["until", "compromisedSince"]);
    const key = parsePublicKeyHex(str(r.key, `${p}/key`));
    if (!key) bad(`${p}/key`, "must be 130 hex digits of an SM2 point on the curve");
    const rec: KeyRecord = { key, from: nonNegative(r.from, `${p}/from`) };
    if ("until" in r) rec.until = nonNegative(r.until, `${p}/until`);
    if ("compromisedSince" in r) rec.compromisedSince = nonNegative(r.compromisedSince, `${p}/compromisedSince`);
    return rec;
  });
  const issuerPath = hashes(issuer.path, "/issuer/path");

  const stateObj = b.state;
  const kindProbe = isObject(stateObj) && isObject(stateObj.leaf) ? stateObj.leaf.kind : undefined;
  const state1155 = kindProbe === "1155";
  const state = members(stateObj, "/state", state1155 ? ["leaf", "path", "holders"] : ["leaf", "path"]);
  const sl = state.leaf;
  const slKind = isObject(sl) ? sl.kind : undefined;
  oneOf(slKind, "/state/leaf/kind", ["721", "1155"]);
  const stateLeaf = members(sl, "/state/leaf", ["v", "id", "kind", state1155 ? "owners" : "owner", "status", "locked", "lastSeq"], ["uriHash", "metadataRoot"]);
  constant(stateLeaf.v, "/state/leaf/v", 1);
  positive(stateLeaf.id, "/state/leaf/id");
  if (state1155) hash(stateLeaf.owners, "/state/leaf/owners");
  else did(stateLeaf.owner, "/state/leaf/owner");
  oneOf(stateLeaf.status, "/state/leaf/status", ["active", "frozen", "burned"]);
  bool(stateLeaf.locked, "/state/leaf/locked");
  nonNegative(stateLeaf.lastSeq, "/state/leaf/lastSeq");
  if ("uriHash" in stateLeaf) hash(stateLeaf.uriHash, "/state/leaf/uriHash");
  if ("metadataRoot" in stateLeaf) hash(stateLeaf.metadataRoot, "/state/leaf/metadataRoot");
  const statePath = hashes(state.path, "/state/path");
  let holders: JsonObject | undefined;
  if (state1155) {
    holders = members(state.holders, "/state/holders", [], Object.keys(isObject(state.holders) ? state.holders : {}));
    for (const [h, n] of Object.entries(holders)) {
      did(h, `/state/holders (member name)`);
      positive(n, `/state/holders/${h}`);
    }
  }

  const md = members(b.metadata, "/metadata", ["revealed", "hidden"]);
  if (!Array.isArray(md.revealed)) bad("/metadata/revealed", "must be an array");
  const revealed: Revealed[] = md.revealed.map((r, i) => {
    const p = `/metadata/revealed[${i}]`;
    const o = members(r, p, ["path", "salt", "value"]);
    const value = o.value;
    if (!isLeafValue(value)) bad(`${p}/value`, "must be a leaf value (string, number, boolean, null, {} or [])");
    return { path: pointer(o.path, `${p}/path`), salt: hash(o.salt, `${p}/salt`), value };
  });
  const seen = new Set<string>();
  for (let i = 0; i < revealed.length; i++) {
    if (i > 0 && !(revealed[i - 1].path < revealed[i].path)) bad("/metadata/revealed", "paths must be sorted (UTF-16 code units) with none repeated");
    seen.add(revealed[i].path);
  }
  for (const r of revealed) {
    for (let k = r.path.indexOf("/", 1); k > 0; k = r.path.indexOf("/", k + 1)) {
      if (seen.has(r.path.slice(0, k))) bad("/metadata/revealed", `path ${r.path} extends the revealed path ${r.path.slice(0, k)}`);
    }
  }
  if (!Array.isArray(md.hidden)) bad("/metadata/hidden", "must be an array of hashes");
  const hidden = md.hidden.map((h, i) => hash(h, `/metadata/hidden[${i}]`));
  for (let i = 1; i < hidden.length; i++) {
    if (!(hidden[i - 1] < hidden[i])) bad("/metadata/hidden", "must be sorted ascending with no repeats");
  }

  let consistency: Bundle["consistency"];
  if ("consistency" in b) {
    const c = members(b.consistency, "/consistency", ["from", "proof"]);
    consistency = { from: positive(c.from, "/consistency/from"), proof: hashes(c.proof, "/consistency/proof") };
  }

  return {
    json: b, ddc, checkpoint, seq, event, at, data, req, op, actor, count, reqRoot, deadline, sig, index, item,
    inclusion, itemPath, issuerLeaf: leaf, issuerDid, issuerName, issuerIndex, keys, issuerPath,
    stateLeaf, statePath, holders, revealed, hidden, consistency,
  };
}

// ---------------------------------------------------------------------------------------------
// §4 Verification

const iso = (ms: number) => {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? `${ms} ms` : d.toISOString().replace(/\.000Z$/, "Z");
};

export function formatAge(ms: number): string {
  const neg = ms < 0;
  let s = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const txt = d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
  return neg ? `${txt} in the future` : txt;
}

const hx = (h: string) => fromHex(h);
const jcs = (v: Json) => utf8(canonicalize(v));

function u32be(n: number): Uint8Array {
  return new Uint8Array([(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
}

export function fieldDigest(path: string, salt: Uint8Array, value: Json): Uint8Array {
  const p = utf8(path);
  const v = jcs(value);
  return sm3(utf8("ddc/field/v1\n"), salt, u32be(p.length), p, u32be(v.length), v);
}

export function metadataRoot(digests: Uint8Array[]): Uint8Array {
  const sorted = [...digests].sort((x, y) => {
    for (let i = 0; i < 32; i++) if (x[i] !== y[i]) return x[i] - y[i];
    return 0;
  });
  return sm3(utf8("ddc/metadata/v1\n"), ...sorted);
}

/** Verifies bundle bytes. Throws UsageError for bad options (check them first with checkOptions). */
export function verifyBundle(bytes: Uint8Array, o: Options): Report {
  checkOptions(o);
  const skew = o.skewMs ?? DEFAULT_SKEW_MS;
  const steps: StepResult[] = [];
  let claims: Claims | undefined;
  const pass = (step: StepName, message: string) => steps.push({ step, outcome: "PASSED", code: "OK", message });
  const skip = (step: StepName, message: string) => steps.push({ step, outcome: "SKIPPED", code: "NOT_APPLICABLE", message });
  let current: StepName = "PARSE";
  try {
    // 1. PARSE
    let B: Bundle;
    try {
      B = readBundle(bytes);
    } catch (e) {
      if (e instanceof Malformed) throw new Fail("MALFORMED_BUNDLE", e.message);
      throw e;
    }
    pass("PARSE", `a version-2 bundle for DDC ${B.ddc}, ${bytes.length} bytes`);
    const item = B.item;
    const data = B.data;

    // 2. CHECKPOINT_SIGNATURE
    current = "CHECKPOINT_SIGNATURE";
    const note = parseNote(B.checkpoint);
    if (typeof note === "string") throw new Fail("MALFORMED_CHECKPOINT", `the checkpoint is not a signed note: ${note}`);
    const origin = originOf(note);
    const trusted = o.trust.filter((t) => t.origin === origin);
    if (trusted.length === 0) throw new Fail("UNTRUSTED_ORIGIN", `the checkpoint's origin "${origin}" is not a trusted origin`);
    if (!trusted.some((t) => signedBy(note, origin, t.key))) {
      throw new Fail("UNTRUSTED_CHECKPOINT", `no signature of the checkpoint verifies with a key trusted for ${origin}`);
    }
    const cp = parseCheckpointText(note.text);
    if (typeof cp === "string") throw new Fail("MALFORMED_CHECKPOINT", `the checkpoint text is not the six lines of a ddc checkpoint: ${cp}`);
    if (cp.time > o.now + skew) {
      throw new Fail("FUTURE_CHECKPOINT", `the checkpoint is dated ${iso(cp.time)}, ${formatAge(cp.time - o.now)} after this verifier's clock (skew allowed: ${skew} ms)`);
    }
    let witnessText = "";
    const ws = o.witnesses ?? [];
    if (ws.length > 0) {
      const quorum = o.quorum ?? ws.length;
      const cosigned = ws.filter((w) => signedBy(note, w.name, w.key)).map((w) => w.name);
      if (cosigned.length < quorum) {
        throw new Fail("WITNESS_QUORUM_NOT_MET", `${cosigned.length} of the configured witnesses cosigned (${cosigned.join(", ") || "none"}); ${quorum} required`);
      }
      witnessText = `, cosigned by ${cosigned.length} witness(es) (${cosigned.join(", ")}; quorum ${quorum})`;
    }
    pass("CHECKPOINT_SIGNATURE", `checkpoint of ${origin} at size ${cp.size}, dated ${iso(cp.time)}, signed by a trusted key${witnessText}`);

    // 3. CONSISTENCY
    current = "CONSISTENCY";
    if (!o.known) {
      skip("CONSISTENCY", "no earlier checkpoint of this log is known");
    } else {
      const K = o.known.cp;
      if (K.origin !== cp.origin) throw new Fail("CONSISTENCY_UNPROVEN", `the known checkpoint is of ${K.origin}, the bundle's of ${cp.origin}`);
      if (K.size === cp.size) {
        if (!equalBytes(K.root, cp.root) || K.stateLine !== cp.stateLine || K.accountsLine !== cp.accountsLine) {
          throw new Fail("FORKED_LOG", `the known checkpoint and the bundle's have the same size ${cp.size} but differ`);
        }
        pass("CONSISTENCY", `the checkpoint is the known one (size ${cp.size})`);
      } else if (K.size > cp.size) {
        throw new Fail("CONSISTENCY_UNPROVEN", `the bundle's checkpoint (size ${cp.size}) is older than the known one (size ${K.size}): ask for a newer bundle`);
      } else {
        if (!B.consistency || B.consistency.from !== K.size) {
          throw new Fail("CONSISTENCY_UNPROVEN", `the bundle has no consistency proof from the known size ${K.size}`);
        }
        if (!verifyConsistency(K.size, cp.size, K.root, cp.root, B.consistency.proof.map(hx))) {
          throw new Fail("FORKED_LOG", `the consistency proof from size ${K.size} to ${cp.size} fails`);
        }
        pass("CONSISTENCY", `the checkpoint (size ${cp.size}) extends the known one (size ${K.size})`);
      }
    }

    // 4. MINT_INCLUSION
    current = "MINT_INCLUSION";
    if (data.ddc !== B.ddc) throw new Fail("NOT_THE_MINT", `the event mints DDC ${data.ddc}, not DDC ${B.ddc}`);
    if (!verifyInclusion(B.seq, cp.size, leafHash(jcs(B.event)), B.inclusion.map(hx), cp.root)) {
      throw new Fail("MINT_NOT_IN_LOG", `the mint event is not entry ${B.seq} of the log of size ${cp.size} by the inclusion proof`);
    }
    if (B.at > cp.time) throw new Fail("MINT_AFTER_CHECKPOINT", `the mint is dated ${iso(B.at)}, after the checkpoint (${iso(cp.time)})`);
    pass("MINT_INCLUSION", `the mint of DDC ${B.ddc} is event ${B.seq} of the log, logged at ${iso(B.at)}`);

    // 5. ISSUER_KEY
    current = "ISSUER_KEY";
    if (B.issuerDid !== B.actor) throw new Fail("ISSUER_MISMATCH", `the account leaf is ${B.issuerDid}, the request's signer ${B.actor}`);
    if (!verifyInclusion(B.issuerIndex, cp.accountCount, leafHash(jcs(B.issuerLeaf)), B.issuerPath.map(hx), cp.accountRoot)) {
      throw new Fail("ISSUER_NOT_PROVEN", `the account leaf is not leaf ${B.issuerIndex} of the checkpoint's account tree of ${cp.accountCount}`);
    }
    pass("ISSUER_KEY", `issuer ${B.issuerDid} (${B.issuerName}) is account ${B.issuerIndex} of the checkpoint's account tree, with ${B.keys.length} key record(s)`);

    // 6. REQUEST_SIGNATURE
    current = "REQUEST_SIGNATURE";
    if (B.req.ledger !== cp.origin) throw new Fail("WRONG_LEDGER", `the request was signed for ${B.req.ledger}, not ${cp.origin}`);
    if (!verifyInclusion(B.index, B.count, leafHash(jcs(item)), B.itemPath.map(hx), hx(B.reqRoot))) {
      throw new Fail("ITEM_NOT_SIGNED", `the item is not item ${B.index} of the ${B.count} under the signed root`);
    }
    const signed = concat(utf8("ddc/request/v1\n"), jcs(B.req));
    const sig = hx(B.sig);
    const rec = B.keys.find((k) => sm2Verify(k.key, signed, sig));
    if (!rec) throw new Fail("BAD_REQUEST_SIGNATURE", `no key of ${B.issuerDid} verifies the request signature`);
    if (rec.compromisedSince !== undefined && B.at >= rec.compromisedSince) {
      throw new Fail("KEY_REVOKED", `the mint was logged at ${B.at} ms, at or after the key's declared compromise at ${rec.compromisedSince} ms`);
    }
    if (B.at < rec.from || (rec.until !== undefined && B.at >= rec.until)) {
      throw new Fail("KEY_NOT_VALID", `the mint was logged at ${B.at} ms, outside the key's window [${rec.from}, ${rec.until ?? "∞"})`);
    }
    const issuerKey: Claims["issuerKey"] =
      rec.compromisedSince !== undefined ? "revoked" : rec.until !== undefined && rec.until <= cp.time ? "retired" : "current";
    const later =
      issuerKey === "revoked" ? ` (the key was declared compromised later, from ${rec.compromisedSince} ms)`
      : issuerKey === "retired" ? ` (the key was retired later, at ${rec.until} ms)` : "";
    pass("REQUEST_SIGNATURE", `the issuer's SM2 signature over the request verifies with a key valid when the mint was logged${later}`);

    // 7. MINT_BINDING
    current = "MINT_BINDING";
    const kind = B.op === "ddc1155.safeMint" ? "1155" : "721";
    const amount = kind === "1155" ? (item.amount as number) : 1;
    const expected: JsonObject = Object.create(null);
    Object.assign(expected, { ddc: B.ddc, kind, creator: B.actor, to: item.to, amount, locked: item.locked === true });
    for (const k of ["uri", "metadataRoot", "ref"]) if (k in item) expected[k] = item[k];
    if (canonicalize(data) !== canonicalize(expected)) {
      const diff = Object.keys({ ...expected, ...data }).filter((k) => canonicalize(data[k] ?? null) !== canonicalize(expected[k] ?? null) || k in data !== k in expected);
      throw new Fail("MINT_NOT_AS_SIGNED", `the logged mint differs from what the issuer signed in: ${diff.sort().join(", ")}`);
    }
    if (B.deadline !== undefined && B.at > B.deadline) {
      throw new Fail("DEADLINE_PASSED", `the mint was logged at ${B.at} ms, after the request's deadline ${B.deadline} ms`);
    }
    pass("MINT_BINDING", `the mint event says what the issuer signed: a ${B.op} of ${amount} to ${item.to}`);

    // 8. METADATA
    current = "METADATA";
    if (!("metadataRoot" in item)) {
      if (B.revealed.length > 0 || B.hidden.length > 0) throw new Fail("METADATA_MISMATCH", "the issuer signed no metadata root, but the bundle carries fields");
      pass("METADATA", "the issuer signed no metadata");
    } else {
      const digests = [...B.revealed.map((r) => fieldDigest(r.path, hx(r.salt), r.value)), ...B.hidden.map(hx)];
      if (!equalBytes(metadataRoot(digests), hx(item.metadataRoot as string))) {
        throw new Fail("METADATA_MISMATCH", "the revealed and hidden fields do not give the metadata root the issuer signed");
      }
      pass("METADATA", `${B.revealed.length} field(s) revealed, ${B.hidden.length} hidden; they give the metadata root the issuer signed`);
    }

    // 9. STATE_PROOF
    current = "STATE_PROOF";
    const sl = B.stateLeaf;
    const mism = (what: string) => {
      throw new Fail("STATE_MISMATCH", `the state leaf contradicts the signed mint or the log: ${what}`);
    };
    if (sl.id !== B.ddc) mism(`id ${sl.id} is not ${B.ddc}`);
    if (sl.kind !== kind) mism(`kind ${sl.kind} is not ${kind}`);
    if ("metadataRoot" in sl !== "metadataRoot" in item || sl.metadataRoot !== item.metadataRoot) mism("metadataRoot differs from the signed item's");
    if (sl.locked !== (item.locked === true)) mism("locked differs from the signed item's");
    if ("uri" in item && sl.uriHash !== toHex(sm3(utf8(item.uri as string)))) mism("uriHash is not SM3 of the signed URI");
    const lastSeq = sl.lastSeq as number;
    if (!(B.seq <= lastSeq && lastSeq < cp.size)) mism(`lastSeq ${lastSeq} is not between the mint (${B.seq}) and the log size (${cp.size})`);
    if (!verifyInclusion(B.ddc - 1, cp.stateCount, leafHash(jcs(sl)), B.statePath.map(hx), cp.stateRoot)) {
      throw new Fail("STATE_NOT_PROVEN", `the state leaf is not leaf ${B.ddc - 1} of the checkpoint's state tree of ${cp.stateCount}`);
    }
    let holders: Record<string, number>;
    if (kind === "1155") {
      const h = B.holders!;
      if (toHex(sm3(jcs(h))) !== sl.owners) throw new Fail("HOLDERS_MISMATCH", "the holders do not give the state leaf's owners digest");
      let sum = 0;
      for (const v of Object.values(h)) sum += v as number;
      if (sum > amount) throw new Fail("HOLDERS_MISMATCH", `the balances sum to ${sum}, more than the ${amount} minted`);
      holders = Object.fromEntries(Object.keys(h).sort().map((k) => [k, h[k] as number]));
    } else {
      holders = { [sl.owner as string]: 1 };
    }
    pass("STATE_PROOF", `the DDC's state at the checkpoint is leaf ${B.ddc - 1} of the state tree of ${cp.stateCount}`);

    // 10. STATUS
    current = "STATUS";
    const held = Object.entries(holders).map(([k, v]) => `${k}=${v}`).join(", ");
    if (sl.status === "frozen") throw new Fail("DDC_FROZEN", `DDC ${B.ddc} is frozen as of the checkpoint`);
    if (sl.status === "burned") throw new Fail("DDC_BURNED", `DDC ${B.ddc} is burned as of the checkpoint`);
    pass("STATUS", `DDC ${B.ddc} is active as of the checkpoint, held by {${held}}`);

    // 11. FRESHNESS
    current = "FRESHNESS";
    const age = o.now - cp.time;
    if (o.maxAgeMs === null) {
      pass("FRESHNESS", `the checkpoint is ${formatAge(age)} old (any age accepted)`);
    } else {
      if (age > o.maxAgeMs) throw new Fail("STALE_CHECKPOINT", `the checkpoint is ${formatAge(age)} old, more than the maximum age ${formatAge(o.maxAgeMs)}`);
      pass("FRESHNESS", `the checkpoint is ${formatAge(age)} old (at most ${formatAge(o.maxAgeMs)} accepted)`);
    }

    const revealed: Record<string, Json> = Object.create(null);
    for (const r of B.revealed) revealed[r.path] = r.value;
    claims = {
      ddc: B.ddc, kind, amount, issuer: B.issuerDid, issuerName: B.issuerName, recipient: item.to as string,
      ...("uri" in item ? { uri: item.uri as string } : {}),
      ...("ref" in item ? { ref: item.ref as string } : {}),
      locked: item.locked === true, issuerKey, loggedAt: B.at,
      checkpointTime: cp.time, checkpointAgeMs: age, status: sl.status as string, holders,
      revealed, hiddenFields: B.hidden.length,
      origin: cp.origin, checkpointSize: cp.size, bundleId: toHex(sm3(jcs(B.json))),
    };
    return { valid: true, code: "OK", steps, claims };
  } catch (e) {
    if (!(e instanceof Fail)) throw e;
    steps.push({ step: current, outcome: "FAILED", code: e.code, message: e.message });
    for (const s of STEPS.slice(STEPS.indexOf(current) + 1)) {
      steps.push({ step: s, outcome: "SKIPPED", code: "NOT_CHECKED", message: "not checked: an earlier step failed" });
    }
    return { valid: false, code: e.code, steps };
  }
}
