package io.ddc.ledger;

import io.ddc.engine.KvState;
import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.crypto.sm.Sm3;
import io.ddc.json.CanonicalJson;
import io.ddc.model.Ddc;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Hash;
import io.ddc.model.StateLeaf;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The DDC row and the state leaf are written member by member; each is checked here against the
 * generic canonical writer over a map of the same members (the form docs/LEDGER.md describes).
 */
class StateCodecTest {
  private static Ddc random(long seed) {
    Random r = new Random(seed);
    boolean is721 = r.nextBoolean();
    byte[] root = new byte[32];
    r.nextBytes(root);
    return new Ddc(1 + r.nextInt(Integer.MAX_VALUE), is721 ? DdcKind.DDC_721 : DdcKind.DDC_1155,
        Did.of("did:t:c" + r.nextInt(99)), is721 || r.nextBoolean() ? Did.of("did:t:o" + r.nextInt(99)) : null,
        is721 ? 1 : r.nextInt(1000), r.nextBoolean() ? "https://u.example/\u00e9\"" + r.nextInt() : null,
        r.nextBoolean() ? Hash.of(root) : null, r.nextBoolean() ? "ref-" + r.nextInt() : null,
        r.nextBoolean() ? Did.of("did:t:a" + r.nextInt(9)) : null, r.nextBoolean(), r.nextBoolean(), r.nextBoolean(),
        r.nextInt(1 << 30));
  }

  @Property(tries = 500)
  void ddcRow_isTheCanonicalJsonOfItsMembers_andDecodes(@ForAll long seed) {
    Ddc d = random(seed);
    Map<String, Object> m = new TreeMap<>();
    m.put("id", d.id());
    m.put("kind", d.kind().id());
    m.put("creator", d.creator().value());
    if (d.owner() != null) {
      m.put("owner", d.owner().value());
    }
    m.put("supply", d.supply());
    if (d.uri() != null) {
      m.put("uri", d.uri());
    }
    if (d.metadataRoot() != null) {
      m.put("metadataRoot", d.metadataRoot().hex());
    }
    if (d.ref() != null) {
      m.put("ref", d.ref());
    }
    if (d.approved() != null) {
      m.put("approved", d.approved().value());
    }
    m.put("frozen", d.frozen());
    m.put("locked", d.locked());
    m.put("burned", d.burned());
    m.put("lastSeq", d.lastSeq());
    String row = KvState.encode(d);
    assertThat(row).isEqualTo(new String(CanonicalJson.write(m), StandardCharsets.UTF_8));
    assertThat(KvState.decodeDdc(row)).isEqualTo(d);
  }

  @Property(tries = 500)
  void stateLeaf_isTheCanonicalJsonOfItsMembers(@ForAll long seed) {
    Ddc d = random(seed);
    SortedMap<Did, Long> holders = new TreeMap<>();
    holders.put(Did.of("did:t:h1"), 3L);
    holders.put(Did.of("did:t:h2"), seed & 0xffff);
    Map<String, Object> m = new TreeMap<>();
    m.put("v", 1L);
    m.put("id", d.id());
    m.put("kind", d.kind().id());
    if (d.kind() == DdcKind.DDC_721) {
      m.put("owner", d.owner().value());
    } else {
      m.put("owners", StateLeaf.ownersDigest(holders).hex());
    }
    if (d.uri() != null) {
      m.put("uriHash", Hash.of(Sm3.hash(d.uri().getBytes(StandardCharsets.UTF_8))).hex());
    }
    if (d.metadataRoot() != null) {
      m.put("metadataRoot", d.metadataRoot().hex());
    }
    m.put("status", StateLeaf.status(d));
    m.put("locked", d.locked());
    m.put("lastSeq", d.lastSeq());
    assertThat(new String(StateLeaf.bytes(d, holders), StandardCharsets.UTF_8))
        .isEqualTo(new String(CanonicalJson.write(m), StandardCharsets.UTF_8));
  }
}
