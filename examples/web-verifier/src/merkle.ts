// RFC 9162 §2.1 Merkle trees with SM3: inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs,
// verified strictly (BUNDLE.md §2). Sizes and indices are integers below 2^53.
import { equalBytes } from "./bytes.js";
import { sm3 } from "./sm3.js";

const ZERO = new Uint8Array([0]);
const ONE = new Uint8Array([1]);

export function leafHash(leaf: Uint8Array): Uint8Array {
  return sm3(ZERO, leaf);
}

function node(l: Uint8Array, r: Uint8Array): Uint8Array {
  return sm3(ONE, l, r);
}

const half = (x: number) => Math.floor(x / 2);
const odd = (x: number) => x % 2 === 1;

/** §2.1.3.2: leaf (its leaf hash) is entry index of the tree of size and root, by proof. */
export function verifyInclusion(index: number, size: number, leaf: Uint8Array, proof: Uint8Array[], root: Uint8Array): boolean {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (p.length !== 32) return false;
    if (sn === 0) return false; // more hashes than the algorithm consumes
    if (odd(fn) || fn === sn) {
      r = node(p, r);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = node(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(r, root);
}

/** §2.1.4.2: the tree of size1 and root1 is a prefix of the tree of size2 and root2. */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: Uint8Array[]): boolean {
  if (size1 < 1 || size1 > size2) return false;
  if (size1 === size2) return proof.length === 0 && equalBytes(root1, root2);
  if (proof.length === 0) return false;
  for (const p of proof) if (p.length !== 32) return false;
  let path = proof;
  if (isPow2(size1)) path = [root1, ...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (let k = 1; k < path.length; k++) {
    const c = path[k];
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = node(c, fr);
      sr = node(c, sr);
      if (!odd(fn)) {
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = node(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, root1) && equalBytes(sr, root2);
}

function isPow2(x: number): boolean {
  while (x > 1) {
    if (odd(x)) return false;
    x = half(x);
  }
  return x === 1;
}

