// Builds dist/lib.mjs (the library for Node and the tests), dist/cli.mjs (verify.mjs) and
// dist/verify.html (one static page, script and style inlined, no network).
import { build } from "esbuild";
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
const html = template.replace("/*STYLE*/", () => css).replace("/*SCRIPT*/", () => js);
writeFileSync("dist/verify.html", html);
console.log(`dist/verify.html: ${Buffer.byteLength(html)} bytes`);
