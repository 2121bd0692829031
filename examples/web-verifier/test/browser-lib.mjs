// Shared by the browser test, the benchmark and the screenshot: Debian's Chromium, headless,
// driven by puppeteer-core (no browser download, ever).
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

export const here = dirname(fileURLToPath(import.meta.url));
export const corpusDir = join(here, "../../../docs/conformance");
export const pagePath = join(here, "../dist/verify.html");
export const manifest = JSON.parse(readFileSync(join(corpusDir, "manifest.json"), "utf8"));
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

export async function launch() {
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
      "--disable-dev-shm-usage", `--user-data-dir=${mkdtempSync(join(tmpdir(), "wv-chromium-"))}`,
    ],
  });
}

/** hex SM2 key → SubjectPublicKeyInfo PEM (id-ecPublicKey, curve SM2). */
export function hexToPem(hex) {
  const der = Buffer.concat([Buffer.from("3059301306072a8648ce3d020106082a811ccf5501822d034200", "hex"), Buffer.from(hex, "hex")]);
  return `-----BEGIN PUBLIC KEY-----\n${der.toString("base64").match(/.{1,64}/g).join("\n")}\n-----END PUBLIC KEY-----\n`;
}

/**
 * The page with a trust configuration built in, exactly as `ddc web-verifier` writes it: the
 * placeholder replaced by JSON with <, > and & escaped so it cannot leave its script element.
 */
export function withConfig(html, config) {
  const json = JSON.stringify(config).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
  const placeholder = '{"ddcConfigPlaceholder":true}';
  if (!html.includes(placeholder)) throw new Error("no placeholder in the page");
  return html.replace(placeholder, () => json);
}

export const pageUrl = (path = pagePath) => pathToFileURL(path).href;
