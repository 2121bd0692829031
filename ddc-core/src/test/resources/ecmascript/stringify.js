// ECMAScript reference for io.ddc.json.EcmaScriptNumberNodeCrossCheckTest (run by it with node).
// Usage: node stringify.js IN OUT. Each line of IN is one of
//   x HHHHHHHHHHHHHHHH   the 64-bit IEEE-754 pattern of a double, in hex
//   p LITERAL            a JSON number literal
// and the same line of OUT holds, for x, JSON.stringify of that double; for p, JSON.stringify of
// JSON.parse(LITERAL), or REJECT when that value is not finite or its magnitude exceeds 2^53 - 1.
'use strict';
const fs = require('fs');
const [input, output] = process.argv.slice(2);
const view = new DataView(new ArrayBuffer(8));

function fromBits(hex) {
  view.setUint32(0, parseInt(hex.slice(0, 8), 16));
  view.setUint32(4, parseInt(hex.slice(8, 16), 16));
  return view.getFloat64(0);
}

function parsed(literal) {
  const v = JSON.parse(literal);
  return Number.isFinite(v) && Math.abs(v) <= Number.MAX_SAFE_INTEGER ? JSON.stringify(v) : 'REJECT';
}

const lines = fs.readFileSync(input, 'latin1').split('\n');
const out = [];
for (const line of lines) {
  if (line.length === 0) continue;
  const arg = line.slice(2);
  if (line[0] === 'x') out.push(JSON.stringify(fromBits(arg)));
  else if (line[0] === 'p') out.push(parsed(arg));
  else throw new Error('bad input line: ' + line);
}
fs.writeFileSync(output, out.join('\n') + '\n', 'latin1');
