// SM2 signature verification (GB/T 32918.2) with SM3 and the distinguishing ID
// "1234567812345678" (BUNDLE.md §2). Point arithmetic comes from @noble/curves; the SM2 steps
// (Z_A, e, t = r + s, R = e + x1) are written here from the standard.
import { weierstrass } from "@noble/curves/abstract/weierstrass.js";
import { fromHex, utf8 } from "./bytes.js";
import { sm3 } from "./sm3.js";

const p = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
const a = 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn;
const b = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
const n = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
const Gx = 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n;
const Gy = 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n;

export const Point = weierstrass({ p, n, h: 1n, a, b, Gx, Gy });
export const CURVE_ORDER = n;

/** The 16 ASCII bytes of the default distinguishing ID. */
export const DEFAULT_ID = utf8("1234567812345678");

function be32(x: bigint): Uint8Array {
  return fromHex(x.toString(16).padStart(64, "0"));
}

function toBig(bytes: Uint8Array): bigint {
  let x = 0n;
  for (const v of bytes) x = (x << 8n) | BigInt(v);
  return x;
}

/** A public key: the 65-byte uncompressed point 04 ‖ x ‖ y, on the curve, not infinity. */
export type PublicKey = { bytes: Uint8Array; point: ReturnType<typeof Point.fromBytes> };

/** Parses a 65-byte uncompressed point; null unless it is on the curve. */
export function parsePublicKey(bytes: Uint8Array): PublicKey | null {
  if (bytes.length !== 65 || bytes[0] !== 0x04) return null;
  const x = toBig(bytes.subarray(1, 33));
  const y = toBig(bytes.subarray(33, 65));
  if (x >= p || y >= p) return null;
  try {
    const point = Point.fromAffine({ x, y });
    point.assertValidity();
    if (point.is0()) return null;
    return { bytes: Uint8Array.from(bytes), point };
  } catch {
    return null;
  }
}

export function parsePublicKeyHex(hex: string): PublicKey | null {
  if (!/^[0-9a-f]{130}$/.test(hex)) return null;
  return parsePublicKey(fromHex(hex));
}

/** Z_A = SM3(ENTL ‖ ID ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A). */
export function za(key: PublicKey, id: Uint8Array = DEFAULT_ID): Uint8Array {
  const entl = id.length * 8;
  return sm3(
    new Uint8Array([(entl >> 8) & 0xff, entl & 0xff]),
    id,
    be32(a),
    be32(b),
    be32(Gx),
    be32(Gy),
    key.bytes.subarray(1, 65),
  );
}

const zaCache = new WeakMap<PublicKey, Uint8Array>();

/** Verifies a 64-byte r ‖ s signature over message with the default ID. */
export function verify(key: PublicKey, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const r = toBig(signature.subarray(0, 32));
  const s = toBig(signature.subarray(32, 64));
  if (r < 1n || r > n - 1n || s < 1n || s > n - 1n) return false;
  let z = zaCache.get(key);
  if (!z) {
    z = za(key);
    zaCache.set(key, z);
  }
  const e = toBig(sm3(z, message));
  const t = (r + s) % n;
  if (t === 0n) return false;
  const q = Point.BASE.multiplyUnsafe(s).add(key.point.multiplyUnsafe(t));
  if (q.is0()) return false;
  const R = (e + q.toAffine().x) % n;
  return R === r;
}

/** Public key of a private scalar (used for private-key PEMs given where a public key goes). */
export function publicKeyOf(d: bigint): PublicKey | null {
  if (d < 1n || d >= n) return null;
  return parsePublicKey(Point.BASE.multiply(d).toBytes(false));
}

// ---- PEM / DER -------------------------------------------------------------------------------

const OID_EC_PUBLIC_KEY = "06072a8648ce3d0201"; // 1.2.840.10045.2.1
const OID_SM2 = "06082a811ccf5501822d"; // 1.2.156.10197.1.301

type Der = { tag: number; content: Uint8Array; end: number };

function readDer(buf: Uint8Array, off: number): Der {
  if (off + 2 > buf.length) throw new Error("truncated DER");
  const tag = buf[off];
  let len = buf[off + 1];
  let o = off + 2;
  if (len & 0x80) {
    const k = len & 0x7f;
    if (k === 0 || k > 3 || o + k > buf.length) throw new Error("bad DER length");
    len = 0;
    for (let i = 0; i < k; i++) len = (len << 8) | buf[o + i];
    o += k;
  }
  if (o + len > buf.length) throw new Error("truncated DER");
  return { tag, content: buf.subarray(o, o + len), end: o + len };
}

function children(content: Uint8Array): Der[] {
  const out: Der[] = [];
  let o = 0;
  while (o < content.length) {
    const d = readDer(content, o);
    out.push(d);
    o = d.end;
  }
  return out;
}

function oidHex(d: Der): string {
  const head = [d.tag, d.content.length];
  return [...head, ...d.content].map((x) => x.toString(16).padStart(2, "0")).join("");
}

/**
 * Reads an SM2 public key from PEM (SubjectPublicKeyInfo with id-ecPublicKey + sm2p256v1 or the
 * SM2 OID as algorithm; or a PKCS#8 / SEC1 private key, whose public key is derived) or from
 * 130 lowercase/uppercase hex digits. Throws with a readable message otherwise.
 */
export function readPublicKey(text: string): PublicKey {
  const t = text.trim();
  if (/^[0-9a-fA-F]{130}$/.test(t)) {
    const k = parsePublicKey(fromHex(t));
    if (!k) throw new Error("the 130 hex digits are not an SM2 point on the curve");
    return k;
  }
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(t);
  if (!m) throw new Error("expected a PEM public key or 130 hex digits (04 ‖ x ‖ y)");
  const b64 = m[2].replace(/\s+/g, "");
  let der: Uint8Array;
  try {
    der = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  } catch {
    throw new Error("the PEM body is not base64");
  }
  try {
    const top = readDer(der, 0);
    if (top.tag !== 0x30 || top.end !== der.length) throw new Error("not a DER SEQUENCE");
    const kids = children(top.content);
    if (m[1] === "PUBLIC KEY") {
      const [alg, bits] = kids;
      if (!alg || !bits || kids.length !== 2 || alg.tag !== 0x30 || bits.tag !== 0x03) throw new Error("not a SubjectPublicKeyInfo");
      const ids = children(alg.content).map(oidHex);
      const ok = (ids[0] === OID_EC_PUBLIC_KEY || ids[0] === OID_SM2) && (ids[1] === OID_SM2 || (ids[0] === OID_SM2 && ids.length === 1));
      if (!ok) throw new Error("not an SM2 key (expected the curve 1.2.156.10197.1.301)");
      if (bits.content[0] !== 0) throw new Error("bad BIT STRING");
      const k = parsePublicKey(bits.content.subarray(1));
      if (!k) throw new Error("the key is not an uncompressed SM2 point on the curve");
      return k;
    }
    if (m[1] === "PRIVATE KEY") {
      // PKCS#8: version, algorithm, OCTET STRING (SEC1 ECPrivateKey)
      const [, alg, octets] = kids;
      const ids = children(alg.content).map(oidHex);
      if (!(ids[0] === OID_EC_PUBLIC_KEY || ids[0] === OID_SM2)) throw new Error("not an SM2 private key");
      return fromSec1(readDer(octets.content, 0).content);
    }
    if (m[1] === "EC PRIVATE KEY") return fromSec1(top.content);
    throw new Error(`unsupported PEM type ${m[1]}`);
  } catch (e) {
    throw new Error(`unreadable key: ${(e as Error).message}`);
  }
}

function fromSec1(content: Uint8Array): PublicKey {
  const kids = children(content);
  const d = toBig(kids[1].content);
  const k = publicKeyOf(d);
  if (!k) throw new Error("private scalar out of range");
  return k;
}
