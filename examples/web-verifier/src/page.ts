// The page: reads a bundle (file, drop or paste), verifies it on this device and shows the report.
// Bundle content is hostile: every value reaches the DOM through textContent only, nothing from a
// bundle becomes a link, an attribute that loads something, or HTML.
import { fromHex, toHex } from "./bytes.js";
import { type Json, canonicalize, parseJson, isObject } from "./json.js";
import { keyId } from "./note.js";
import { type PublicKey, parsePublicKeyHex, readPublicKey } from "./sm2.js";
import { isoTime } from "./text.js";
import {
  DEFAULT_SKEW_MS, MAX_BUNDLE_BYTES, type Options, type Report, type TrustedLog, UsageError, type Witness,
  checkOptions, formatAge, readKnown, verifyBundle,
} from "./verify.js";

type Lang = "en" | "zh";
const T: Record<string, [string, string]> = {
  title: ["ddc bundle verifier", "ddc 证书包验证"],
  subtitle: ["Checks a proof bundle on this device: nothing is sent anywhere.", "在本机验证证明包：不发送任何数据。"],
  language: ["Language", "语言"],
  bundleHeading: ["1. The bundle", "1. 证书包"],
  chooseFile: ["Choose a bundle file (.json) or drop it here", "选择证书包文件（.json），或拖放到此处"],
  paste: ["…or paste its JSON", "……或粘贴其 JSON"],
  trustHeading: ["2. Trusted logs", "2. 受信任的账本"],
  trustExplain: ["A checkpoint counts only if its origin is trusted and a key trusted for that origin signed it.", "只有来源受信任、且由该来源的受信任密钥签名的检查点才有效。"],
  builtinTrust: ["Built into this page:", "本页内置："],
  origin: ["Origin (log name)", "来源（账本名称）"],
  operatorKey: ["Operator public key: SM2 PEM or 130 hex digits", "运营方公钥：SM2 PEM 或 130 位十六进制"],
  witnessHeading: ["Witnesses (optional)", "见证方（可选）"],
  addWitness: ["Add a witness", "添加见证方"],
  removeWitness: ["Remove", "移除"],
  witnessName: ["Witness name", "见证方名称"],
  witnessKey: ["Witness public key (PEM or hex)", "见证方公钥（PEM 或十六进制）"],
  quorum: ["Quorum (default: all witnesses)", "法定数量（默认：全部见证方）"],
  knownHeading: ["Known checkpoint (optional)", "已知检查点（可选）"],
  known: ["A signed checkpoint of the same log you saw before", "您之前见过的同一账本的已签名检查点"],
  advanced: ["Time and freshness", "时间与新鲜度"],
  now: ["Verification time, ms since 1970 (empty: this device's clock)", "验证时间，自 1970 年起的毫秒数（留空：本机时钟）"],
  maxAge: ["Maximum checkpoint age in days (empty: any age)", "检查点最长有效天数（留空：不限）"],
  skew: ["Allowed clock skew, seconds", "允许的时钟偏差（秒）"],
  verify: ["Verify", "验证"],
  resultHeading: ["Result", "结果"],
  stepsCaption: ["Steps", "验证步骤"],
  step: ["Step", "步骤"],
  outcome: ["Outcome", "结果"],
  details: ["Details", "详情"],
  footer: ["Offline verifier for ddc bundles (docs/BUNDLE.md, format version 2). The page makes no network request.", "ddc 证书包离线验证（docs/BUNDLE.md，格式版本 2）。本页不发出任何网络请求。"],
  VALID: ["VALID", "有效"],
  INVALID: ["INVALID", "无效"],
  validWhy: ["Every step passed.", "所有步骤均已通过。"],
  noBundle: ["Choose, drop or paste a bundle first.", "请先选择、拖放或粘贴证书包。"],
  noTrust: ["Give at least one trusted origin and Operator key.", "请至少提供一个受信任的来源及运营方公钥。"],
  inputError: ["Input error", "输入错误"],
  verifiedAt: ["Verified at", "验证时间"],
  deviceClock: ["this device's clock", "本机时钟"],
  setTime: ["set by hand", "手动设置"],
  claimsHeading: ["What this bundle proves", "本证书包证明的内容"],
  c_ddc: ["Certificate", "证书"],
  c_issuer: ["Issuer", "发行方"],
  c_recipient: ["Issued to", "接收方"],
  c_amount: ["Amount minted", "发行数量"],
  c_uri: ["URI (as signed; not a link)", "URI（签名内容，非链接）"],
  c_ref: ["Reference", "编号"],
  c_locked: ["Locked", "锁定"],
  c_issuerKey: ["Issuer key", "发行方密钥"],
  c_loggedAt: ["Logged at", "记账时间"],
  c_status: ["Status as of the checkpoint", "截至检查点的状态"],
  c_holders: ["Holders (owner and balance)", "持有人（所有者及数量）"],
  c_checkpoint: ["Checkpoint", "检查点"],
  c_age: ["Checkpoint age", "检查点时长"],
  c_revealed: ["Revealed fields", "公开字段"],
  c_hidden: ["Hidden fields", "隐藏字段"],
  c_bundleId: ["Bundle ID (SM3)", "证书包标识（SM3）"],
  yes: ["yes", "是"],
  no: ["no", "否"],
  none: ["none", "无"],
  old: ["old", "前"],
  key_current: ["current", "当前有效"],
  key_retired: ["retired after the mint (the certificate stands)", "发行后已停用（证书仍有效）"],
  key_revoked: ["declared compromised after the mint (the certificate stands)", "发行后被声明泄露（证书仍有效）"],
  PARSE: ["Read the bundle", "读取证书包"],
  CHECKPOINT_SIGNATURE: ["Checkpoint signature", "检查点签名"],
  CONSISTENCY: ["Consistency with the known checkpoint", "与已知检查点一致"],
  MINT_INCLUSION: ["Mint is in the log", "发行事件在账本中"],
  ISSUER_KEY: ["Issuer account", "发行方账户"],
  REQUEST_SIGNATURE: ["Issuer's signature", "发行方签名"],
  MINT_BINDING: ["Mint is as signed", "发行内容与签名一致"],
  METADATA: ["Metadata", "元数据"],
  STATE_PROOF: ["Current state", "当前状态"],
  STATUS: ["Status", "状态"],
  FRESHNESS: ["Freshness", "新鲜度"],
  PASSED: ["PASSED", "通过"],
  FAILED: ["FAILED", "失败"],
  SKIPPED: ["SKIPPED", "跳过"],
};

let lang: Lang = /^zh\b/i.test(navigator.language || "") ? "zh" : "en";
const t = (k: string) => (T[k] ? T[k][lang === "zh" ? 1 : 0] : k);
const $ = <E extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as E;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, cls?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text; // never innerHTML
  if (cls) e.className = cls;
  return e;
}

/** A value from a bundle: text in an isolated bidi run. */
function v(text: string, mono = false): HTMLElement {
  const b = el("bdi", text);
  if (mono) b.className = "mono";
  return b;
}

// ---- configuration built in by `ddc web-verifier` ------------------------------------------

type Config = { trust: TrustedLog[]; witnesses: Witness[]; quorum?: number };

function readConfig(): Config | null {
  const node = document.getElementById("ddc-config");
  if (!node || !node.textContent) return null;
  try {
    const c = parseJson(node.textContent.trim());
    if (!isObject(c) || c.ddcConfigPlaceholder === true) return null;
    const keyOf = (h: Json) => {
      const k = typeof h === "string" ? parsePublicKeyHex(h) : null;
      if (!k) throw new Error("bad key in the built-in configuration");
      return k;
    };
    const trust = (Array.isArray(c.trust) ? c.trust : []).map((x) => {
      if (!isObject(x) || typeof x.origin !== "string") throw new Error("bad trust entry");
      return { origin: x.origin, key: keyOf(x.key) };
    });
    const witnesses = (Array.isArray(c.witnesses) ? c.witnesses : []).map((x) => {
      if (!isObject(x) || typeof x.name !== "string") throw new Error("bad witness entry");
      return { name: x.name, key: keyOf(x.key) };
    });
    const quorum = typeof c.quorum === "number" ? c.quorum : undefined;
    return { trust, witnesses, quorum };
  } catch (e) {
    console.error(e);
    return null;
  }
}

const config = readConfig();

function keyLabel(name: string, k: PublicKey) {
  return `${name} — key ID ${toHex(keyId(name, k))}, ${toHex(k.bytes).slice(0, 18)}…`;
}

function showConfig() {
  if (!config || (config.trust.length === 0 && config.witnesses.length === 0)) return;
  $("builtin").hidden = false;
  const list = $("builtin-list");
  list.replaceChildren();
  for (const x of config.trust) list.append(el("li", keyLabel(x.origin, x.key)));
  for (const w of config.witnesses) list.append(el("li", `${lang === "zh" ? "见证方" : "witness"} ${keyLabel(w.name, w.key)}`));
  if (config.quorum !== undefined) list.append(el("li", `${t("quorum").split(" (")[0].split("（")[0]}: ${config.quorum}`));
}

// ---- witnesses ------------------------------------------------------------------------------

let witnessCount = 0;
function addWitness() {
  const n = ++witnessCount;
  const box = el("div", undefined, "witness");
  const nl = el("label", t("witnessName"));
  nl.htmlFor = `wname-${n}`;
  nl.dataset.t = "witnessName";
  const ni = el("input");
  ni.type = "text";
  ni.id = `wname-${n}`;
  ni.className = "wname";
  ni.autocomplete = "off";
  const kl = el("label", t("witnessKey"));
  kl.htmlFor = `wkey-${n}`;
  kl.dataset.t = "witnessKey";
  const ki = el("textarea");
  ki.id = `wkey-${n}`;
  ki.className = "wkey";
  ki.rows = 3;
  ki.spellcheck = false;
  const rm = el("button", t("removeWitness"));
  rm.type = "button";
  rm.dataset.t = "removeWitness";
  rm.addEventListener("click", () => box.remove());
  box.append(nl, ni, kl, ki, rm);
  $("witnesses").append(box);
  ni.focus();
}

// ---- reading the inputs -----------------------------------------------------------------------

let fileBytes: Uint8Array | null = null;

async function takeFile(f: File) {
  // read at most one byte more than the limit: a larger bundle is reported as malformed
  const buf = new Uint8Array(await f.slice(0, MAX_BUNDLE_BYTES + 1).arrayBuffer());
  fileBytes = buf;
  ($("paste") as HTMLTextAreaElement).value = "";
  run();
}

class InputError extends Error {}

function numberField(id: string, what: string): number | undefined {
  const s = ($(id) as HTMLInputElement).value.trim();
  if (s === "") return undefined;
  if (!/^[0-9]+(\.[0-9]+)?$/.test(s)) throw new InputError(`${what}: ${s}`);
  return Number(s);
}

function options(): Options {
  const trust: TrustedLog[] = [...(config?.trust ?? [])];
  const originIn = ($("origin") as HTMLInputElement).value.trim();
  const keyIn = ($("key") as HTMLTextAreaElement).value.trim();
  // trust is an (origin, key) pair: a key entered here needs its origin, and an origin its key
  if (keyIn || originIn) {
    if (!originIn) throw new InputError(`${t("origin")}?`);
    if (!keyIn) throw new InputError(`${t("operatorKey")}?`);
    try {
      trust.push({ origin: originIn, key: readPublicKey(keyIn) });
    } catch (e) {
      throw new InputError(`${t("operatorKey")}: ${(e as Error).message}`);
    }
  }
  if (trust.length === 0) throw new InputError(t("noTrust"));
  const witnesses: Witness[] = [...(config?.witnesses ?? [])];
  for (const box of Array.from(document.querySelectorAll<HTMLElement>("#witnesses .witness"))) {
    const name = (box.querySelector(".wname") as HTMLInputElement).value.trim();
    const key = (box.querySelector(".wkey") as HTMLTextAreaElement).value.trim();
    if (!name && !key) continue;
    try {
      witnesses.push({ name, key: readPublicKey(key) });
    } catch (e) {
      throw new InputError(`${t("witnessKey")} ${name}: ${(e as Error).message}`);
    }
  }
  const quorum = numberField("quorum", t("quorum")) ?? config?.quorum;
  const now = numberField("now", t("now"));
  const maxDays = numberField("maxage", t("maxAge"));
  const skewS = numberField("skew", t("skew"));
  const o: Options = {
    trust,
    now: now ?? Date.now(),
    maxAgeMs: maxDays === undefined ? null : Math.round(maxDays * 86400000),
    skewMs: skewS === undefined ? DEFAULT_SKEW_MS : Math.round(skewS * 1000),
    witnesses,
    quorum: witnesses.length > 0 ? quorum : undefined,
  };
  try {
    checkOptions(o);
    const knownIn = ($("known") as HTMLTextAreaElement).value;
    if (knownIn.trim()) o.known = readKnown(new TextEncoder().encode(knownIn.replace(/\r\n/g, "\n").replace(/\n*$/, "\n")), trust);
  } catch (e) {
    if (e instanceof UsageError) throw new InputError(e.message);
    throw e;
  }
  return o;
}

// ---- the report -------------------------------------------------------------------------------

let last: { report: Report; now: number; manual: boolean } | null = null;

function show(report: Report, now: number, manual: boolean) {
  last = { report, now, manual };
  $("result").hidden = false;
  const verdict = $("verdict");
  verdict.replaceChildren();
  verdict.className = `verdict ${report.valid ? "valid" : "invalid"}`;
  const failed = report.steps.find((s) => s.outcome === "FAILED");
  verdict.append(el("span", report.valid ? t("VALID") : `${t("INVALID")}: ${report.code}`, "word"));
  verdict.append(el("span", report.valid ? t("validWhy") : failed?.message ?? "", "why"));
  verdict.dataset.code = report.code;
  $("status").textContent = `${report.valid ? t("VALID") : t("INVALID")} ${report.valid ? "" : report.code} — ${t("verifiedAt")} ${isoTime(now)} (${manual ? t("setTime") : t("deviceClock")})`;

  const body = $("steps-body");
  body.replaceChildren();
  for (const s of report.steps) {
    const tr = el("tr");
    const name = el("th", t(s.step));
    name.scope = "row";
    name.append(el("br"), el("code", s.step));
    const out = el("td", t(s.outcome), s.outcome);
    if (s.code !== "OK") out.append(el("br"), el("code", s.code));
    const msg = el("td");
    msg.append(v(s.message));
    tr.append(name, out, msg);
    body.append(tr);
  }

  const cl = $("claims");
  cl.replaceChildren();
  const c = report.claims;
  if (c) {
    cl.append(el("h3", t("claimsHeading")));
    const dl = el("dl", undefined, "claims");
    const row = (label: string, ...value: (Node | string)[]) => {
      const dd = el("dd");
      dd.append(...value.map((x) => (typeof x === "string" ? v(x) : x)));
      dl.append(el("dt", t(label)), dd);
    };
    row("c_ddc", `DDC-${c.kind} #${c.ddc}`);
    row("c_issuer", v(c.issuerName), " ", v(`(${c.issuer})`, true));
    row("c_recipient", v(c.recipient, true));
    row("c_amount", String(c.amount));
    if (c.uri !== undefined) row("c_uri", v(c.uri, true));
    if (c.ref !== undefined) row("c_ref", v(c.ref, true));
    row("c_locked", c.locked ? t("yes") : t("no"));
    row("c_issuerKey", t(`key_${c.issuerKey}`));
    row("c_loggedAt", isoTime(c.loggedAt));
    row("c_status", c.status);
    const ul = el("ul");
    for (const [h, n] of Object.entries(c.holders)) {
      const li = el("li");
      li.append(v(h, true), ` × ${n}`);
      ul.append(li);
    }
    row("c_holders", ul);
    row("c_checkpoint", v(c.origin, true), ` · size ${c.checkpointSize} · ${isoTime(c.checkpointTime)}`);
    row("c_age", `${formatAge(c.checkpointAgeMs)} (${t("verifiedAt")} ${isoTime(now)})`);
    const paths = Object.keys(c.revealed).sort();
    if (paths.length === 0) row("c_revealed", t("none"));
    else {
      const table = el("table");
      table.className = "revealed";
      for (const p of paths) {
        const tr = el("tr");
        const th = el("th");
        th.scope = "row";
        th.append(v(p, true));
        const td = el("td");
        const val = c.revealed[p];
        td.append(v(typeof val === "string" ? val : canonicalize(val), typeof val !== "string"));
        tr.append(th, td);
        table.append(tr);
      }
      row("c_revealed", table);
    }
    row("c_hidden", String(c.hiddenFields));
    row("c_bundleId", v(c.bundleId, true));
    cl.append(dl);
  }
}

function showInputError(msg: string) {
  $("result").hidden = false;
  const verdict = $("verdict");
  verdict.className = "verdict invalid";
  verdict.replaceChildren(el("span", t("inputError"), "word"), el("span", msg, "why"));
  verdict.dataset.code = "USAGE_ERROR";
  $("status").textContent = `${t("inputError")}: ${msg}`;
  $("steps-body").replaceChildren();
  $("claims").replaceChildren();
  last = null;
}

function run() {
  const pasted = ($("paste") as HTMLTextAreaElement).value;
  const bytes = pasted.trim() ? new TextEncoder().encode(pasted) : fileBytes;
  if (!bytes) {
    showInputError(t("noBundle"));
    return;
  }
  let o: Options;
  try {
    o = options();
  } catch (e) {
    if (e instanceof InputError) {
      showInputError(e.message);
      return;
    }
    throw e;
  }
  const manual = ($("now") as HTMLInputElement).value.trim() !== "";
  show(verifyBundle(bytes, o), o.now, manual);
  $("verdict").focus();
}

// ---- wiring -------------------------------------------------------------------------------------

function applyLang() {
  document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
  for (const e of Array.from(document.querySelectorAll<HTMLElement>("[data-t]"))) e.textContent = t(e.dataset.t!);
  document.title = `${t("title")} · ${lang === "zh" ? "ddc bundle verifier" : "ddc 证书包验证"}`;
  showConfig();
  if (last) show(last.report, last.now, last.manual);
}

($("lang") as HTMLSelectElement).value = lang;
$("lang").addEventListener("change", () => {
  lang = ($("lang") as HTMLSelectElement).value === "zh" ? "zh" : "en";
  applyLang();
});
$("form").addEventListener("submit", (e) => {
  e.preventDefault();
  run();
});
$("file").addEventListener("change", () => {
  const f = ($("file") as HTMLInputElement).files?.[0];
  if (f) void takeFile(f);
});
$("paste").addEventListener("input", () => {
  fileBytes = null;
});
$("add-witness").addEventListener("click", addWitness);
const drop = $("drop");
for (const ev of ["dragenter", "dragover"]) {
  document.addEventListener(ev, (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
}
for (const ev of ["dragleave", "dragend"]) document.addEventListener(ev, () => drop.classList.remove("over"));
document.addEventListener("drop", (e) => {
  e.preventDefault();
  drop.classList.remove("over");
  const f = (e as DragEvent).dataTransfer?.files?.[0];
  if (f) void takeFile(f);
});
applyLang();

// for tests and benchmarks: the verifier itself, read-only
Object.defineProperty(window, "ddcVerifier", {
  value: Object.freeze({ verifyBundle, parsePublicKeyHex, readPublicKey, fromHex }),
});
