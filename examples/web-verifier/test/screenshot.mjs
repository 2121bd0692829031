// docs/web-verifier.png: the page with a VALID report, in headless Chromium.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { corpusDir, here, launch, manifest, pagePath, pageUrl, withConfig } from "./browser-lib.mjs";

const c = manifest.cases.find((x) => x.name === "valid-721-metadata");
const file = join(mkdtempSync(join(tmpdir(), "wv-shot-")), "verify.html");
writeFileSync(file, withConfig(readFileSync(pagePath, "utf8"), { trust: [{ origin: c.trust[0].origin, key: manifest.keys.operator }], witnesses: [] }));
const browser = await launch();
const page = await browser.newPage();
await page.setViewport({ width: 960, height: 800, deviceScaleFactor: 1 });
await page.goto(pageUrl(file));
await page.$eval("#advanced", (d) => (d.open = true));
await page.$eval("#now", (e, v) => (e.value = v), String(c.now));
await (await page.$("#file")).uploadFile(join(corpusDir, c.file));
await page.waitForSelector("#verdict[data-code]");
await page.evaluate(() => document.activeElement.blur());
const out = process.argv[2] ?? join(here, "../../../docs/web-verifier.png");
// the header and the report (verdict, steps, claims); the input form follows below it
const bottom = await page.$eval("#result", (e) => e.getBoundingClientRect().bottom + window.scrollY);
await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 960, height: Math.ceil(bottom) }, captureBeyondViewport: true });
await browser.close();
console.log(`wrote ${out}`);
