// Figures for ddc-bench/README.md: page size (raw and gzipped) and the time to verify one bundle
// in Node and in headless Chromium (mean of N runs after a warm-up).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parsePublicKeyHex, verifyBundle } from "../dist/lib.mjs";
import { chromiumAvailable, corpusDir, launch, manifest, pagePath, pageUrl } from "./browser-lib.mjs";

const N = Number(process.env.RUNS ?? 200);
const WARM = 50;
const c = manifest.cases.find((x) => x.name === "valid-721-metadata");
const bytes = readFileSync(join(corpusDir, c.file));
const html = readFileSync(pagePath);
console.log(`page: ${html.length} bytes, ${gzipSync(html, { level: 9 }).length} bytes gzipped`);

const opts = { trust: [{ origin: c.trust[0].origin, key: parsePublicKeyHex(manifest.keys.operator) }], now: c.now, maxAgeMs: c.maxAgeMs, skewMs: c.skewMs };
for (let i = 0; i < WARM; i++) verifyBundle(bytes, opts);
let t = performance.now();
for (let i = 0; i < N; i++) if (!verifyBundle(bytes, opts).valid) throw new Error("not valid");
console.log(`node ${process.version}: ${((performance.now() - t) / N).toFixed(2)} ms per bundle (${c.name}, ${bytes.length} bytes, mean of ${N})`);

if (chromiumAvailable()) {
  const browser = await launch();
  const page = await browser.newPage();
  await page.goto(pageUrl(pagePath));
  const ms = await page.evaluate(async (b64, hex, c, N, WARM) => {
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const v = window.ddcVerifier;
    const o = { trust: [{ origin: c.trust[0].origin, key: v.parsePublicKeyHex(hex) }], now: c.now, maxAgeMs: c.maxAgeMs, skewMs: c.skewMs };
    for (let i = 0; i < WARM; i++) v.verifyBundle(bytes, o);
    const t = performance.now();
    for (let i = 0; i < N; i++) if (!v.verifyBundle(bytes, o).valid) throw new Error("not valid");
    return (performance.now() - t) / N;
  }, bytes.toString("base64"), manifest.keys.operator, c, N, WARM);
  console.log(`${await browser.version()}: ${ms.toFixed(2)} ms per bundle (mean of ${N})`);
  await browser.close();
}
