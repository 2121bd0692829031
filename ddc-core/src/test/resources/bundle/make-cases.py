#!/usr/bin/env python3
"""Writes malformed/*.json from valid.json: one edit per file, named EXPECTED_CODE--what.json.

Run from this directory after regenerating valid.json (BundleTestData). Output is canonical JSON
(RFC 8785 for this data: sorted ASCII keys, no spaces, UTF-8) unless the case is about the syntax.
"""
import copy
import json
import os

VALID = open("valid.json", encoding="utf-8").read()
B = json.loads(VALID)


def canon(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def edit(fn):
    b = copy.deepcopy(B)
    r = fn(b)
    return canon(r if isinstance(r, list) else b)


def flip_sig(b):
    cp = b["checkpoint"]
    i = cp.rindex(" ") + 60
    b["checkpoint"] = cp[:i] + ("A" if cp[i] != "A" else "B") + cp[i + 1:]


def set_path(b, path, value):
    *head, last = path
    for k in head:
        b = b[k]
    b[last] = value


def signature_padding_bits(b):
    cp = b["checkpoint"]
    i = cp.rindex("=")  # the signature's base64 ends "X=": X's two low bits are padding
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    c = alphabet[alphabet.index(cp[i - 1]) ^ 1]
    b["checkpoint"] = cp[:i - 1] + c + cp[i:]


CASES = {
    "UNTRUSTED_CHECKPOINT--signature-padding-bits": signature_padding_bits,
    "ISSUER_MISMATCH--issuer-did-changed": lambda b: set_path(b, ["issuer", "leaf", "did"], "did:bsn:other"),
    "ISSUER_NOT_PROVEN--key-window-altered": lambda b: set_path(b, ["issuer", "leaf", "keys", 0, "from"], 0),
    "ISSUER_NOT_PROVEN--index-changed": lambda b: set_path(b, ["issuer", "leaf", "index"], 0),
    "ISSUER_NOT_PROVEN--path-element-dropped": lambda b: b["issuer"]["path"].pop(),
    "MALFORMED_BUNDLE--issuer-leaf-not-object": lambda b: set_path(b, ["issuer", "leaf"], []),
    "MALFORMED_BUNDLE--issuer-key-not-a-point": lambda b: set_path(b, ["issuer", "leaf", "keys", 0, "key"], "04" + "00" * 64),
    "MALFORMED_BUNDLE--hash-in-uppercase": lambda b: set_path(b, ["mint", "itemPath", 0],
                                                            b["mint"]["itemPath"][0].upper()),
    "ITEM_NOT_SIGNED--item-path-altered": lambda b: set_path(b, ["mint", "itemPath", 0], "ab" * 32),
    "MALFORMED_BUNDLE--checkpoint-not-text": lambda b: set_path(b, ["checkpoint"], 5),
    "MALFORMED_BUNDLE--ddc-zero": lambda b: set_path(b, ["ddc"], 0),
    "MALFORMED_BUNDLE--event-not-an-event": lambda b: set_path(b, ["mint", "event"], {"v": 1}),
    "MALFORMED_BUNDLE--hidden-not-strings": lambda b: b["metadata"]["hidden"].append(7),
    "MALFORMED_BUNDLE--inclusion-not-hashes": lambda b: set_path(b, ["mint", "inclusion"], ["zz"]),
    "MALFORMED_BUNDLE--mint-seq-negative": lambda b: set_path(b, ["mint", "seq"], -1),
    "MALFORMED_BUNDLE--mint-unknown-member": lambda b: set_path(b, ["mint", "proof"], []),
    "MALFORMED_BUNDLE--missing-state": lambda b: b.pop("state") and None,
    "MALFORMED_BUNDLE--not-an-object": lambda b: [b],
    "MALFORMED_BUNDLE--revealed-without-salt": lambda b: b["metadata"]["revealed"][0].pop("salt") and None,
    "MALFORMED_BUNDLE--unknown-member": lambda b: set_path(b, ["extra"], True),
    "MALFORMED_BUNDLE--wrong-type": lambda b: set_path(b, ["type"], "ddc.certificate"),
    "MALFORMED_BUNDLE--wrong-version": lambda b: set_path(b, ["v"], 2),
    "METADATA_MISMATCH--field-dropped": lambda b: b["metadata"]["revealed"].pop() and None,
    "METADATA_MISMATCH--value-changed": lambda b: set_path(b, ["metadata", "revealed", 0, "value"], "changed"),
    "MINT_NOT_IN_LOG--wrong-seq": lambda b: set_path(b, ["mint", "seq"], b["mint"]["seq"] - 1),
    "NOT_THE_MINT--ddc-changed": lambda b: set_path(b, ["ddc"], b["ddc"] + 1),
    "STATE_NOT_PROVEN--path-element-dropped": lambda b: b["state"]["path"].pop() and None,
    "STATE_NOT_PROVEN--status-changed": lambda b: set_path(b, ["state", "leaf", "status"], "frozen"),
    "UNTRUSTED_CHECKPOINT--signature-altered": flip_sig,
}

RAW = {
    "MALFORMED_BUNDLE--empty": "",
    "MALFORMED_BUNDLE--truncated": VALID[: len(VALID) // 2],
    "MALFORMED_BUNDLE--duplicate-member": VALID.replace('"ddc":%d' % B["ddc"], '"ddc":%d,"ddc":%d' % (B["ddc"], B["ddc"]), 1),
    # 2.0 would be the integer 2 (ddc's number policy); a fraction is what the integer member refuses
    "MALFORMED_BUNDLE--float-value": VALID.replace('"ddc":%d' % B["ddc"], '"ddc":%d.5' % B["ddc"], 1),
}

os.makedirs("malformed", exist_ok=True)
for f in os.listdir("malformed"):
    os.remove(os.path.join("malformed", f))
for name, fn in CASES.items():
    out = edit(fn)
    assert out != VALID, name
    open(os.path.join("malformed", name + ".json"), "w", encoding="utf-8").write(out)
for name, text in RAW.items():
    assert text != VALID, name
    open(os.path.join("malformed", name + ".json"), "w", encoding="utf-8").write(text)
print(len(CASES) + len(RAW), "cases")
