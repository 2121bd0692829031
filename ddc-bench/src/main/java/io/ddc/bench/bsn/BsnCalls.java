package io.ddc.bench.bsn;

import io.ddc.model.Operation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Which BSN contract functions each ddc DDC operation corresponds to (docs/BSN.md): the allow-list
 * and the fees of a ddc operation are set on all of them in BSN, where both are kept per function
 * selector.
 */
public final class BsnCalls {
  /** The contract names the bridge knows. */
  public static final String AUTHORITY = "Authority";
  /** The Charge contract. */
  public static final String CHARGE = "Charge";
  /** The DDC-721 contract. */
  public static final String DDC721 = "DDC721";
  /** The DDC-1155 contract. */
  public static final String DDC1155 = "DDC1155";
  /**
   * {@code lock(uint256)}, of both DDC contracts: ddc's locked mint is translated to a mint and a
   * lock by the minter, so the roles that may mint may lock.
   */
  public static final String LOCK = "lock(uint256)";

  /** One function of one contract. */
  public record Fn(String contract, String signature) {
    /** The function's 4-byte selector, {@code 0x}-prefixed hex. */
    public String selector() {
      return BsnCalls.selector(signature);
    }
  }

  private static final Map<Operation, List<Fn>> FUNCTIONS = Map.ofEntries(
      Map.entry(Operation.DDC721_MINT, List.of(new Fn(DDC721, "mint(address,string)"),
          new Fn(DDC721, "mintBatch(address,string[])"))),
      Map.entry(Operation.DDC721_SAFE_MINT, List.of(new Fn(DDC721, "safeMint(address,string,bytes)"),
          new Fn(DDC721, "safeMintBatch(address,string[],bytes)"))),
      Map.entry(Operation.DDC721_TRANSFER, List.of(new Fn(DDC721, "transferFrom(address,address,uint256)"))),
      Map.entry(Operation.DDC721_SAFE_TRANSFER,
          List.of(new Fn(DDC721, "safeTransferFrom(address,address,uint256,bytes)"))),
      Map.entry(Operation.DDC721_APPROVE, List.of(new Fn(DDC721, "approve(address,uint256)"))),
      Map.entry(Operation.DDC721_SET_APPROVAL_FOR_ALL, List.of(new Fn(DDC721, "setApprovalForAll(address,bool)"))),
      Map.entry(Operation.DDC721_FREEZE, List.of(new Fn(DDC721, "freeze(uint256)"))),
      Map.entry(Operation.DDC721_UNFREEZE, List.of(new Fn(DDC721, "unFreeze(uint256)"))),
      Map.entry(Operation.DDC721_BURN, List.of(new Fn(DDC721, "burn(uint256)"))),
      Map.entry(Operation.DDC721_SET_URI, List.of(new Fn(DDC721, "setURI(uint256,string)"))),
      Map.entry(Operation.DDC1155_MINT, List.of(new Fn(DDC1155, "safeMint(address,uint256,string,bytes)"),
          new Fn(DDC1155, "safeMintBatch(address,uint256[],string[],bytes)"))),
      Map.entry(Operation.DDC1155_TRANSFER,
          List.of(new Fn(DDC1155, "safeTransferFrom(address,address,uint256,uint256,bytes)"),
              new Fn(DDC1155, "safeBatchTransferFrom(address,address,uint256[],uint256[],bytes)"))),
      Map.entry(Operation.DDC1155_SET_APPROVAL_FOR_ALL,
          List.of(new Fn(DDC1155, "setApprovalForAll(address,bool)"))),
      Map.entry(Operation.DDC1155_FREEZE, List.of(new Fn(DDC1155, "freeze(uint256)"))),
      Map.entry(Operation.DDC1155_UNFREEZE, List.of(new Fn(DDC1155, "unFreeze(uint256)"))),
      Map.entry(Operation.DDC1155_BURN, List.of(new Fn(DDC1155, "burn(address,uint256)"),
          new Fn(DDC1155, "burnBatch(address,uint256[])"))),
      Map.entry(Operation.DDC1155_SET_URI, List.of(new Fn(DDC1155, "setURI(address,uint256,string)"))));

  private BsnCalls() {}

  /** The BSN functions of a ddc DDC operation; empty for the Authority and fee operations. */
  public static List<Fn> functions(Operation op) {
    return FUNCTIONS.getOrDefault(op, List.of());
  }

  /** Every BSN DDC function of every ddc DDC operation, plus {@code lock} of both contracts. */
  public static List<Fn> all() {
    List<Fn> out = new ArrayList<>();
    for (Operation op : Operation.values()) {
      out.addAll(functions(op));
    }
    out.add(new Fn(DDC721, LOCK));
    out.add(new Fn(DDC1155, LOCK));
    return out;
  }

  /** The Solidity selector of a function signature: the first 4 bytes of its Keccak-256. */
  public static String selector(String signature) {
    KeccakDigest k = new KeccakDigest(256);
    byte[] in = signature.getBytes(StandardCharsets.US_ASCII);
    k.update(in, 0, in.length);
    byte[] out = new byte[32];
    k.doFinal(out, 0);
    return "0x" + HexFormat.of().formatHex(out, 0, 4);
  }
}
