// The page in a real headless Chromium (Debian's), from file://: a valid bundle, a tampered one,
// the hostile-content case, and not a single network request. Mandatory under CI=true.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromiumAvailable, corpusDir, hexToPem, launch, manifest, pagePath, pageUrl, withConfig } from "./browser-lib.mjs";

if (!chromiumAvailable()) {
  if (process.env.CI === "true") {
    console.error("browser test: /usr/bin/chromium is missing (apt-get install chromium); mandatory under CI=true");
    process.exit(1);
  }
  console.log("browser test: SKIPPED (no /usr/bin/chromium; install Debian's chromium)");
  process.exit(0);
}

const ORIGIN = "conformance.ddc.example/ledger";
const NOW = "1790003600000";
const opHex = manifest.keys.operator;
const work = mkdtempSync(join(tmpdir(), "wv-browser-"));
const opPem = hexToPem(opHex);
const caseFile = (name) => join(corpusDir, manifest.cases.find((c) => c.name === name).file);

// the page as `ddc web-verifier` makes it, with the operator key built in
const configured = join(work, "verify.html");
writeFileSync(configured, withConfig(readFileSync(pagePath, "utf8"), { trust: [{ origin: ORIGIN, key: opHex }], witnesses: [] }));

const browser = await launch();
const requests = [];
const dialogs = [];
const errors = [];
let failures = 0;

async function open(path) {
  const page = await browser.newPage();
  const cdp = await page.createCDPSession();
  await cdp.send("Network.enable");
  cdp.on("Network.requestWillBeSent", (e) => requests.push(e.request.url));
  page.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(m.text());
  });
  await page.goto(pageUrl(path), { waitUntil: "load" });
  // the verification time: the corpus's fixed clock, in the page's advanced field
  await page.$eval("#advanced", (d) => (d.open = true));
  await page.$eval("#now", (e, v) => (e.value = v), NOW);
  return page;
}

async function verdict(page) {
  await page.waitForSelector("#verdict[data-code]", { timeout: 10000 });
  return page.$eval("#verdict", (e) => ({ code: e.dataset.code, text: e.textContent }));
}

async function check(name, fn) {
  try {
    await fn();
    console.log(`ok - ${name}`);
  } catch (e) {
    failures++;
    console.log(`not ok - ${name}\n  ${String(e.stack ?? e).split("\n").join("\n  ")}`);
  }
}

await check("a valid bundle chosen as a file, trust entered as PEM: VALID with the claims", async () => {
  const page = await open(pagePath);
  await page.type("#origin", ORIGIN);
  await page.$eval("#key", (e, v) => (e.value = v), opPem);
  const input = await page.$("#file");
  await input.uploadFile(caseFile("valid-721-metadata"));
  const v = await verdict(page);
  assert.equal(v.code, "OK");
  assert.match(v.text, /^VALID/);
  const claims = await page.$eval("#claims", (e) => e.innerText);
  for (const s of ["University of Examples", "did:example:university", "did:example:alice", "DDC-721 #2", "李伟", "/名字", "3.85", "/a~1b~0c", "retired"]) {
    assert.ok(claims.includes(s), `claims show ${s}`);
  }
  const steps = await page.$$eval("#steps-body tr", (rows) => rows.map((r) => r.cells[0].innerText + " " + r.cells[1].innerText));
  assert.equal(steps.length, 11);
  assert.equal(steps.filter((s) => s.includes("PASSED")).length, 10);
  await page.close();
});

await check("built-in trust (ddc web-verifier) and a tampered bundle pasted: INVALID with its code", async () => {
  const page = await open(configured);
  const builtin = await page.$eval("#builtin-list", (e) => e.innerText);
  assert.ok(builtin.includes(ORIGIN));
  const tampered = readFileSync(caseFile("valid-721-metadata"), "utf8").replace('"Li Wei"', '"Li Wel"');
  await page.$eval("#paste", (e, v) => (e.value = v), tampered);
  await page.click("#verify");
  const v = await verdict(page);
  assert.equal(v.code, "METADATA_MISMATCH");
  assert.match(v.text, /INVALID: METADATA_MISMATCH/);
  const failed = await page.$$eval("#steps-body td.FAILED", (c) => c.length);
  assert.equal(failed, 1);
  // and a corpus case: burned
  await page.$eval("#paste", (e) => (e.value = ""));
  await (await page.$("#file")).uploadFile(caseFile("DDC_BURNED--burned"));
  assert.equal((await verdict(page)).code, "DDC_BURNED");
  await page.close();
});

await check("an untrusted known checkpoint is refused before verifying", async () => {
  const page = await open(configured);
  await page.$eval("details:nth-of-type(2)", (d) => (d.open = true));
  await page.$eval("#known", (e, v) => (e.value = v), readFileSync(join(corpusDir, "known/other-origin.checkpoint"), "utf8"));
  await (await page.$("#file")).uploadFile(caseFile("valid-721-metadata"));
  assert.equal((await verdict(page)).code, "USAGE_ERROR");
  await page.close();
});

const hostile = manifest.cases.find((c) => c.name === "valid-hostile-content");
if (!hostile) {
  console.log("warning: the corpus has no valid-hostile-content case; hostile-content check not run");
} else {
  await check("hostile content (script tags, img onerror, javascript: URIs) is shown as text and runs nothing", async () => {
    const page = await open(configured);
    await (await page.$("#file")).uploadFile(join(corpusDir, hostile.file));
    const v = await verdict(page);
    assert.equal(v.code, "OK");
    await new Promise((r) => setTimeout(r, 500)); // give any injected handler a chance to fire
    assert.equal(await page.evaluate(() => typeof window.__pwned), "undefined");
    const dom = await page.evaluate(() => ({
      scripts: document.scripts.length,
      active: document.querySelectorAll("img, iframe, a, object, embed, frame, link, svg, math, form:not(#form)").length,
      text: document.body.innerText,
    }));
    assert.equal(dom.scripts, 2, "only the page's own script and its config data block");
    assert.equal(dom.active, 0, "no element made from bundle content");
    // every hostile string appears literally, as text
    const bundle = JSON.parse(readFileSync(join(corpusDir, hostile.file), "utf8"));
    const strings = [];
    const walk = (x) => {
      if (typeof x === "string" && /[<>]|javascript:/.test(x) && !x.includes("\n")) strings.push(x);
      else if (x && typeof x === "object") Object.values(x).forEach(walk);
    };
    walk(bundle.metadata);
    walk(bundle.mint.event.cause.item);
    assert.ok(strings.length >= 4, `found ${strings.length} hostile strings`);
    for (const s of strings) assert.ok(dom.text.includes(s), `shown literally: ${s}`);
    await page.close();
  });
}

await check("the page made no network request (DevTools protocol): only the file:// pages themselves", async () => {
  const pages = new Set([pageUrl(pagePath), pageUrl(configured)]);
  const others = requests.filter((u) => !pages.has(u));
  assert.deepEqual(others, []);
  assert.ok(requests.length >= 4, `saw ${requests.length} page loads`);
});

await check("no dialog opened and no script error", async () => {
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
});

await browser.close();
console.log(failures === 0 ? "browser test: all passed" : `browser test: ${failures} failed`);
process.exit(failures === 0 ? 0 : 1);
