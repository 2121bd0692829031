// The plain-text report (the layout of `ddc verify`).
import { canonicalize } from "./json.js";
import { type Report, formatAge } from "./verify.js";

export const isoTime = (ms: number) => new Date(ms).toISOString().replace(/\.000Z$/, "Z");

export function formatReport(r: Report): string {
  const lines: string[] = [];
  const failed = r.steps.find((s) => s.outcome === "FAILED");
  lines.push(r.valid ? "VALID" : `INVALID: ${r.code}: ${failed?.message ?? ""}`);
  for (const s of r.steps) lines.push(`  ${s.step.padEnd(22)} ${s.outcome.padEnd(7)} ${s.message}`);
  const c = r.claims;
  if (c) {
    const held = Object.entries(c.holders).map(([k, v]) => `${k}=${v}`).join(", ");
    lines.push(
      `  issued:   DDC-${c.kind} ${c.ddc} (amount ${c.amount}) by ${c.issuer} (${c.issuerName}) to ${c.recipient}, logged at ${isoTime(c.loggedAt)}` +
        `${c.uri !== undefined ? `, uri ${c.uri}` : ""}${c.ref !== undefined ? `, ref ${c.ref}` : ""}${c.locked ? ", locked" : ""}; issuer key ${c.issuerKey}`,
    );
    lines.push(`  status:   ${c.status}, held by {${held}}, as of the checkpoint of ${isoTime(c.checkpointTime)} (${formatAge(c.checkpointAgeMs)} old)`);
    lines.push(`  revealed: ${canonicalize(c.revealed)}; ${c.hiddenFields} field(s) hidden`);
    lines.push(`  bundle:   ${c.bundleId} (log ${c.origin}, size ${c.checkpointSize})`);
  }
  return lines.join("\n") + "\n";
}
