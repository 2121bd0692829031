export * from "./verify.js";
export { parseJson, canonicalize, decodeUtf8, JsonError } from "./json.js";
export { sm3 } from "./sm3.js";
export { readPublicKey, parsePublicKey, parsePublicKeyHex, verify as sm2Verify, za } from "./sm2.js";
export { parseNote, parseCheckpointText, keyId, signedBy } from "./note.js";
export { verifyInclusion, verifyConsistency, leafHash } from "./merkle.js";
export { toHex, fromHex, utf8 } from "./bytes.js";
