// Builds dist/lib.mjs (the library for Node and the tests), dist/cli.mjs (verify.mjs) and
// dist/verify.html (one static page, script and style inlined, no network).
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";

mkdirSync("dist", { recursive: true });
const common = { bundle: true, format: "esm", target: "es2020", logLevel: "warning", legalComments: "none" };
await build({ ...common, entryPoints: ["src/index.ts"], outfile: "dist/lib.mjs", platform: "node" });
await build({ ...common, entryPoints: ["src/cli.ts"], outfile: "dist/cli.mjs", platform: "node" });

const page = await build({
  ...common, entryPoints: ["src/page.ts"], platform: "browser", write: false, minify: true, format: "iife",
});
let js = page.outputFiles[0].text;
// the script is inlined: it must not contain a closing script tag
js = js.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
const template = readFileSync("src/page.html", "utf8");
const css = readFileSync("src/page.css", "utf8");
// a strict Content-Security-Policy: nothing but this script and this style, no network at all
const hash = (s) => `'sha256-${createHash("sha256").update(s, "utf8").digest("base64")}'`;
const csp = [
  "default-src 'none'", `script-src ${hash(js)}`, `style-src ${hash(css)}`, "img-src 'none'", "connect-src 'none'",
  "font-src 'none'", "media-src 'none'", "object-src 'none'", "frame-src 'none'", "worker-src 'none'",
  "manifest-src 'none'", "form-action 'none'", "base-uri 'none'",
].join("; ");
const html = template.replace("/*CSP*/", () => csp).replace("/*STYLE*/", () => css).replace("/*SCRIPT*/", () => js);
if (!html.includes('<script type="application/json" id="ddc-config">{"ddcConfigPlaceholder":true}</script>')) {
  throw new Error("the configuration placeholder is missing");
}
writeFileSync("dist/verify.html", html);
console.log(`dist/verify.html: ${Buffer.byteLength(html)} bytes`);
