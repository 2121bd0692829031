// Runs every case of docs/conformance/manifest.json through the library; fails on any
// disagreement, printing each one.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError, parsePublicKeyHex, readKnown, verifyBundle } from "../dist/lib.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.env.DDC_CONFORMANCE_DIR ?? join(here, "../../../docs/conformance");
const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
const key = (name) => {
  const k = parsePublicKeyHex(manifest.keys[name]);
  if (!k) throw new Error(`manifest key ${name} is not a point`);
  return k;
};

export function runCase(c) {
  const trust = c.trust.map((t) => ({ origin: t.origin, key: key(t.key) }));
  try {
    const options = {
      trust, now: c.now, maxAgeMs: c.maxAgeMs, skewMs: c.skewMs,
      witnesses: c.witnesses?.map((w) => ({ name: w.name, key: key(w.key) })),
      quorum: c.quorum,
      known: c.known ? readKnown(readFileSync(join(dir, c.known)), trust) : undefined,
    };
    return verifyBundle(readFileSync(join(dir, c.file)), options);
  } catch (e) {
    if (e instanceof UsageError) return { code: "USAGE_ERROR", message: e.message };
    throw e;
  }
}

let ok = 0;
const bad = [];
for (const c of manifest.cases) {
  const r = runCase(c);
  if (r.code === c.expect) ok++;
  else {
    const failed = r.steps?.find((s) => s.outcome === "FAILED");
    bad.push(`  ${c.name}: expected ${c.expect}, got ${r.code}${failed ? ` (${failed.step}: ${failed.message})` : r.message ? ` (${r.message})` : ""}`);
  }
}
console.log(`conformance corpus: ${ok}/${manifest.cases.length} cases agree`);
if (bad.length) {
  console.log(bad.join("\n"));
  process.exit(1);
}
