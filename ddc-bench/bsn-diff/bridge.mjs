// The BSN side of io.ddc.bench.bsn.BsnDiffHarness: compiles a local copy of the BSN DDC v2.2.1
// contracts (BSN-DDC/wuhanchain, folder ddc-contract/) with solc-js 0.8.7, starts anvil, deploys
// Authority, Charge, DDC721 and DDC1155 behind their ERC1967 proxies, and then executes the
// harness's transactions and reads, one JSON object per line on stdin, one answer per line on
// stdout. Diagnostics go to stderr. No contract source is part of ddc: the path is an argument.
//
//   node bridge.mjs --contracts /path/to/ddc-contract [--anvil /path/to/anvil]
//
// Commands (each answer echoes "seq"):
//   {"cmd":"deploy"}                 compile (cached in .cache/), deploy, wire, addOperator
//   {"cmd":"exec","txs":[TX...],"keep":B}
//        TX = {"from":ADDR,"to":"Authority|Charge|DDC721|DDC1155","fn":"name(types)","args":[...]}
//        snapshots the chain, runs each tx (eth_call first for the revert reason, then
//        eth_sendTransaction), stops at the first revert; reverts to the snapshot on a revert or
//        when keep is false; answers {"ok":true,"snap":ID} or {"ok":false,"index":I,"reason":R}
//   {"cmd":"read","calls":[CALL...]} CALL = {"to":..,"fn":..,"args":[..]} (a JSON-RPC batch);
//        answers {"results":[{"ok":true,"value":[...]}|{"ok":false,"reason":R}]}
//   {"cmd":"snapshot"} / {"cmd":"revert","id":ID}
//   {"cmd":"quit"}
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { AbiCoder, Interface } from 'ethers';
import solc from 'solc';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SOURCES = {
  Authority: 'logic/Authority/Authority.sol',
  Charge: 'logic/Charge/Charge.sol',
  DDC721: 'logic/DDC721/DDC721.sol',
  DDC1155: 'logic/DDC1155/DDC1155.sol',
  ERC1967Proxy: 'proxy/ERC1967/ERC1967Proxy.sol',
};
const GAS = '0x5f5e100'; // 100,000,000
const ACCOUNTS = 64;

function arg(name, dflt) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
}

function log(...m) {
  process.stderr.write(`[bridge] ${m.join(' ')}\n`);
}

const contractsDir = arg('--contracts');
if (!contractsDir || !fs.existsSync(path.join(contractsDir, SOURCES.DDC721))) {
  log('usage: node bridge.mjs --contracts /path/to/ddc-contract (the folder holding logic/DDC721/DDC721.sol)');
  process.exit(2);
}
const anvilBin = arg('--anvil', path.join(HERE, 'node_modules', '.bin', 'anvil'));

// ---- compile ----

function compile() {
  const sources = {};
  for (const p of Object.values(SOURCES)) {
    sources[p] = { content: fs.readFileSync(path.join(contractsDir, p), 'utf8') };
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: false },
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
    },
  };
  const imported = [];
  const findImports = (p) => {
    const file = path.join(contractsDir, p);
    if (!fs.existsSync(file)) {
      return { error: `not found: ${p}` };
    }
    const content = fs.readFileSync(file, 'utf8');
    imported.push(p + '\n' + content);
    return { contents: content };
  };
  // the cache key covers every source read in the previous compile, recorded with the output
  const key = createHash('sha256').update(solc.version() + JSON.stringify(input)).digest('hex');
  const cacheDir = path.join(HERE, '.cache');
  const cacheFile = path.join(cacheDir, `${key}.json`);
  if (fs.existsSync(cacheFile)) {
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
    const importsKey = createHash('sha256');
    for (const p of cached.imports) {
      importsKey.update(p + '\n' + fs.readFileSync(path.join(contractsDir, p), 'utf8'));
    }
    if (importsKey.digest('hex') === cached.importsKey) {
      log(`compiled output from cache ${path.relative(HERE, cacheFile)}`);
      return cached.contracts;
    }
  }
  log(`compiling with solc-js ${solc.version()} (optimizer off; about a minute)`);
  const out = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }));
  const errors = (out.errors || []).filter((e) => e.severity === 'error');
  if (errors.length) {
    throw new Error('solc: ' + errors.map((e) => e.formattedMessage).join('\n'));
  }
  const contracts = {};
  for (const [name, p] of Object.entries(SOURCES)) {
    const c = out.contracts[p][name];
    contracts[name] = { abi: c.abi, bytecode: '0x' + c.evm.bytecode.object };
  }
  const importPaths = imported.map((s) => s.slice(0, s.indexOf('\n'))).sort();
  const importsKey = createHash('sha256');
  for (const p of importPaths) {
    importsKey.update(p + '\n' + fs.readFileSync(path.join(contractsDir, p), 'utf8'));
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  fs.writeFileSync(cacheFile, JSON.stringify({ imports: importPaths, importsKey: importsKey.digest('hex'), contracts }));
  return contracts;
}

// ---- anvil and JSON-RPC ----

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

let rpcUrl;
let anvil;
let rpcId = 0;

async function rpcBatch(calls) {
  if (calls.length === 0) {
    return [];
  }
  const body = calls.map(([method, params]) => ({ jsonrpc: '2.0', id: ++rpcId, method, params }));
  const res = await fetch(rpcUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  const byId = new Map(json.map((r) => [r.id, r]));
  return body.map((b) => byId.get(b.id));
}

async function rpc(method, params) {
  const [r] = await rpcBatch([[method, params]]);
  if (r.error) {
    const e = new Error(`${method}: ${r.error.message}`);
    e.rpc = r.error;
    throw e;
  }
  return r.result;
}

async function startAnvil() {
  const port = await freePort();
  rpcUrl = `http://127.0.0.1:${port}`;
  anvil = spawn(anvilBin, ['--port', String(port), '--code-size-limit', '100000', '--accounts', String(ACCOUNTS),
    '--balance', '1000000000', '--gas-limit', '1000000000', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'], detached: true });
  anvil.on('exit', (code) => {
    if (!quitting) {
      log(`anvil exited (${code})`);
      process.exit(3);
    }
  });
  for (let i = 0; i < 200; i++) {
    try {
      await rpc('eth_chainId', []);
      return;
    } catch (e) {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('anvil did not start');
}

const coder = AbiCoder.defaultAbiCoder();

function revertReason(error) {
  const data = typeof error?.data === 'string' ? error.data : error?.data?.data;
  if (typeof data === 'string' && data.startsWith('0x08c379a0')) {
    return coder.decode(['string'], '0x' + data.slice(10))[0];
  }
  if (typeof data === 'string' && data.startsWith('0x4e487b71')) {
    return 'panic 0x' + coder.decode(['uint256'], '0x' + data.slice(10))[0].toString(16);
  }
  return (error?.message || 'reverted') + (data ? ` (${data})` : '');
}

// ---- deployment ----

let compiled;
const deployed = {}; // name -> { address, iface }
let accounts;

async function receiptOf(hash) {
  for (let i = 0; i < 5000; i++) {
    const receipt = await rpc('eth_getTransactionReceipt', [hash]);
    if (receipt) {
      return receipt;
    }
    await new Promise((r) => setTimeout(r, i < 10 ? 1 : 10));
  }
  throw new Error(`no receipt for ${hash}`);
}

async function sendRaw(from, to, data) {
  const hash = await rpc('eth_sendTransaction', [{ from, to, data, gas: GAS }]);
  const receipt = await receiptOf(hash);
  if (receipt.status !== '0x1') {
    throw new Error(`transaction reverted: ${hash}`);
  }
  return receipt;
}

async function deployOne(from, name, ctorArgs) {
  const c = compiled[name];
  const iface = new Interface(c.abi);
  const data = c.bytecode + iface.encodeDeploy(ctorArgs).slice(2);
  const receipt = await sendRaw(from, undefined, data);
  return receipt.contractAddress;
}

async function deploy() {
  compiled = compile();
  await startAnvil();
  accounts = await rpc('eth_accounts', []);
  const owner = accounts[0];
  for (const name of ['Authority', 'Charge', 'DDC721', 'DDC1155']) {
    const logic = await deployOne(owner, name, []);
    const iface = new Interface(compiled[name].abi);
    const proxy = await deployOne(owner, 'ERC1967Proxy', [logic, iface.encodeFunctionData('initialize', [])]);
    deployed[name] = { address: proxy, iface };
  }
  const wire = [
    ['Charge', 'setAuthorityProxyAddress', [deployed.Authority.address]],
    ['DDC721', 'setAuthorityProxyAddress', [deployed.Authority.address]],
    ['DDC721', 'setChargeProxyAddress', [deployed.Charge.address]],
    ['DDC1155', 'setAuthorityProxyAddress', [deployed.Authority.address]],
    ['DDC1155', 'setChargeProxyAddress', [deployed.Charge.address]],
  ];
  for (const [name, fn, args] of wire) {
    await sendRaw(owner, deployed[name].address, deployed[name].iface.encodeFunctionData(fn, args));
  }
  const addresses = Object.fromEntries(Object.entries(deployed).map(([n, d]) => [n, d.address]));
  log(`deployed ${JSON.stringify(addresses)}`);
  return { owner, accounts: accounts.slice(1), contracts: addresses };
}

// ---- execution ----

function jsonValue(v) {
  if (typeof v === 'bigint') {
    return v.toString();
  }
  if (Array.isArray(v)) {
    return v.map(jsonValue);
  }
  if (v && typeof v.toArray === 'function') {
    return v.toArray().map(jsonValue);
  }
  return v;
}

function encode(call) {
  const d = deployed[call.to];
  if (!d) {
    throw new Error(`unknown contract ${call.to}`);
  }
  return { to: d.address, data: d.iface.encodeFunctionData(call.fn, call.args || []), fragment: d.iface.getFunction(call.fn), iface: d.iface };
}

async function runTx(tx) {
  const { to, data } = encode(tx);
  const [call] = await rpcBatch([['eth_call', [{ from: tx.from, to, data, gas: GAS }, 'latest']]]);
  if (call.error) {
    return { ok: false, reason: revertReason(call.error) };
  }
  const hash = await rpc('eth_sendTransaction', [{ from: tx.from, to, data, gas: GAS }]);
  const receipt = await receiptOf(hash);
  if (receipt.status !== '0x1') {
    return { ok: false, reason: 'reverted when sent after a successful eth_call' };
  }
  return { ok: true };
}

async function exec(msg) {
  const snap = await rpc('evm_snapshot', []);
  for (let i = 0; i < msg.txs.length; i++) {
    const r = await runTx(msg.txs[i]);
    if (!r.ok) {
      await rpc('evm_revert', [snap]);
      return { ok: false, index: i, reason: r.reason };
    }
  }
  if (!msg.keep) {
    await rpc('evm_revert', [snap]);
    return { ok: true, kept: false };
  }
  return { ok: true, kept: true, snap };
}

async function read(msg) {
  const encoded = msg.calls.map(encode);
  const answers = await rpcBatch(encoded.map((e) => ['eth_call', [{ to: e.to, data: e.data }, 'latest']]));
  return {
    results: answers.map((a, i) => {
      if (a.error) {
        return { ok: false, reason: revertReason(a.error) };
      }
      const e = encoded[i];
      return { ok: true, value: jsonValue(e.iface.decodeFunctionResult(e.fragment, a.result)) };
    }),
  };
}

let quitting = false;

/** Ends anvil: its npm launcher and the binary it started, one process group. */
function stopAnvil() {
  if (anvil && anvil.exitCode === null) {
    try {
      process.kill(-anvil.pid, 'SIGTERM');
    } catch (e) {
      anvil.kill();
    }
  }
}

async function handle(msg) {
  switch (msg.cmd) {
    case 'deploy':
      return deploy();
    case 'exec':
      return exec(msg);
    case 'read':
      return read(msg);
    case 'snapshot':
      return { id: await rpc('evm_snapshot', []) };
    case 'revert':
      return { ok: await rpc('evm_revert', [msg.id]) };
    case 'quit':
      quitting = true;
      stopAnvil();
      return { ok: true };
    default:
      throw new Error(`unknown command ${msg.cmd}`);
  }
}

const lines = readline.createInterface({ input: process.stdin });
let chain = Promise.resolve();
lines.on('line', (line) => {
  chain = chain.then(async () => {
    let msg;
    try {
      msg = JSON.parse(line);
      const answer = await handle(msg);
      process.stdout.write(JSON.stringify({ seq: msg.seq, ...answer }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ seq: msg?.seq, error: String(e?.stack || e) }) + '\n');
    }
    if (quitting) {
      stopAnvil();
      process.exit(0);
    }
  });
});
lines.on('close', () => {
  chain = chain.then(() => {
    quitting = true;
    stopAnvil();
    process.exit(0);
  });
});
process.on('exit', () => stopAnvil());
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => {
    quitting = true;
    stopAnvil();
    process.exit(1);
  });
}
