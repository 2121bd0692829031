// C2SP signed notes with ddc's SM2 signature type (docs/MERKLE.md) and the six-line ddc
// checkpoint body (BUNDLE.md §3).
import { sha256 } from "@noble/hashes/sha2.js";
import { concat, fromBase64Canonical, toHex, utf8 } from "./bytes.js";
import { type PublicKey, verify } from "./sm2.js";

export const MAX_NOTE_BYTES = 1 << 20;
export const MAX_SIGNATURES = 100;
const SM2_TYPE = concat(new Uint8Array([0xff]), utf8("io.ddc/sm2-sm3"));

export type NoteSignature = { name: string; keyId: Uint8Array; sig: Uint8Array };
export type Note = { text: string; textBytes: Uint8Array; signatures: NoteSignature[] };

/** Key ID = SHA-256(key name ‖ 0x0A ‖ 0xFF ‖ "io.ddc/sm2-sm3" ‖ public key(65))[:4]. */
export function keyId(name: string, key: PublicKey): Uint8Array {
  return sha256(concat(utf8(name), new Uint8Array([0x0a]), SM2_TYPE, key.bytes)).subarray(0, 4);
}

function isNoteChar(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c !== 0x7f);
}

// C2SP signed note: key names are non-empty, with neither Unicode spaces (Go's unicode.IsSpace)
// nor '+'.
const SPACE_OR_PLUS = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000+]/;

export function isKeyName(name: string): boolean {
  return name.length > 0 && !SPACE_OR_PLUS.test(name);
}

/** Parses a signed note; returns an error message or the note. */
export function parseNote(s: string): Note | string {
  const bytes = utf8(s);
  if (bytes.length > MAX_NOTE_BYTES) return "the note is larger than 1 MiB";
  for (let i = 0; i < s.length; i++) {
    if (!isNoteChar(s.charCodeAt(i))) return `control character U+${s.charCodeAt(i).toString(16).padStart(4, "0")} in the note`;
  }
  if (!s.endsWith("\n")) return "the note does not end with a newline";
  const split = s.lastIndexOf("\n\n");
  if (split < 0) return "no blank line before the signatures";
  const text = s.slice(0, split + 1);
  const sigBlock = s.slice(split + 2);
  if (text.length === 0 || text === "\n") return "empty note text";
  const lines = sigBlock.split("\n");
  lines.pop(); // after the final newline
  if (lines.length === 0) return "no signature lines";
  if (lines.length > MAX_SIGNATURES) return `more than ${MAX_SIGNATURES} signature lines`;
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const m = /^\u2014 ([^ ]+) ([A-Za-z0-9+/=]+)$/.exec(line);
    if (!m) return "a signature line is not \"— <key name> <base64>\"";
    if (!isKeyName(m[1])) return "a key name holds a space (Unicode White_Space) or '+'";
    const raw = fromBase64Canonical(m[2]);
    if (!raw) return "a signature is not canonical base64";
    // C2SP: a key ID and a signature of any length (other types than SM2 exist; such lines are
    // ignored unless their key is configured, and an SM2 signature must be 64 bytes to verify)
    if (raw.length < 5) return "a signature line holds no signature after its 4-byte key ID";
    signatures.push({ name: m[1], keyId: raw.subarray(0, 4), sig: raw.subarray(4) });
  }
  return { text, textBytes: utf8(text), signatures };
}

/** The first line of the note text (the origin). */
export function originOf(note: Note): string {
  return note.text.slice(0, note.text.indexOf("\n"));
}

/** True when some line has this name, the key's ID and a signature that verifies. */
export function signedBy(note: Note, name: string, key: PublicKey): boolean {
  const id = toHex(keyId(name, key));
  for (const s of note.signatures) {
    if (s.name === name && toHex(s.keyId) === id && verify(key, note.textBytes, s.sig)) return true;
  }
  return false;
}

export type Checkpoint = {
  origin: string;
  size: number;
  root: Uint8Array;
  stateLine: string;
  stateCount: number;
  stateRoot: Uint8Array;
  accountsLine: string;
  accountCount: number;
  accountRoot: Uint8Array;
  time: number;
};

const DEC = "(0|[1-9][0-9]{0,15})";

function dec(s: string): number | null {
  if (!new RegExp(`^${DEC}$`).test(s)) return null;
  const v = Number(s);
  return v <= Number.MAX_SAFE_INTEGER ? v : null;
}

function root32(s: string): Uint8Array | null {
  const b = fromBase64Canonical(s);
  return b && b.length === 32 ? b : null;
}

/** The six lines of BUNDLE.md §3; an error message otherwise. */
export function parseCheckpointText(text: string): Checkpoint | string {
  const lines = text.split("\n");
  if (lines.pop() !== "") return "the text does not end with a newline";
  if (lines.length !== 6) return `the text has ${lines.length} lines, not 6`;
  const [origin, sizeS, rootS, stateS, accountsS, timeS] = lines;
  if (origin.length === 0) return "empty origin line";
  const size = dec(sizeS);
  if (size === null) return "the log size line is not a decimal";
  const root = root32(rootS);
  if (!root) return "the log root is not canonical base64 of 32 bytes";
  const st = /^state ([^ ]+) ([^ ]+)$/.exec(stateS);
  const stateCount = st ? dec(st[1]) : null;
  const stateRoot = st ? root32(st[2]) : null;
  if (stateCount === null || !stateRoot) return "the fourth line is not \"state <count> <root>\"";
  const ac = /^accounts ([^ ]+) ([^ ]+)$/.exec(accountsS);
  const accountCount = ac ? dec(ac[1]) : null;
  const accountRoot = ac ? root32(ac[2]) : null;
  if (accountCount === null || !accountRoot) return "the fifth line is not \"accounts <count> <root>\"";
  const tm = /^time ([^ ]+)$/.exec(timeS);
  const time = tm ? dec(tm[1]) : null;
  if (time === null) return "the sixth line is not \"time <ms>\"";
  return { origin, size, root, stateLine: stateS, stateCount, stateRoot, accountsLine: accountsS, accountCount, accountRoot, time };
}
