package io.ddc.bundle;

import io.ddc.json.CanonicalJson;
import io.ddc.model.DdcKind;
import io.ddc.model.Did;
import io.ddc.model.Hash;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the verifier found: every step with its outcome and, for a valid bundle only, the verified
 * {@link Claims}. Immutable.
 */
public final class VerificationReport {
  /** A step's outcome. */
  public enum Outcome { PASSED, FAILED, SKIPPED }

  /**
   * One step.
   *
   * @param name the step, e.g. {@code CHECKPOINT_SIGNATURE}
   * @param outcome passed, failed, or skipped (not checked because an earlier step failed, or not applicable)
   * @param code {@code OK} when passed, the reason code when failed (e.g. {@code DDC_FROZEN}),
   *     {@code NOT_CHECKED} or {@code NOT_APPLICABLE} when skipped
   * @param message what was checked or what was wrong
   */
  public record Step(String name, Outcome outcome, String code, String message) {}

  /**
   * What a valid bundle proves. Authenticity: the DDC {@code ddc} of {@code kind} was issued by
   * {@code issuer} (its signature covers recipient, amount, URI, reference, lock and metadata
   * root) and logged at {@code loggedAt}. Status, as of {@code checkpointTime} only: {@code status},
   * owned by {@code holders}.
   *
   * @param ddc the DDC id
   * @param kind DDC-721 or DDC-1155
   * @param amount the amount minted (1 for a DDC-721)
   * @param issuer the issuing account, whose key signed the mint
   * @param issuerName the issuing account's name, as the account tree records it
   * @param issuerKey the signing key's state at the checkpoint: {@code current}, {@code retired} or
   *     {@code revoked} (revoked as compromised after the mint: the certificate stands)
   * @param recipient the account the DDC was minted to
   * @param loggedAt when the ledger accepted the mint
   * @param uri the URI the issuer signed, if any
   * @param ref the issuer's reference, if any
   * @param locked whether the DDC is non-transferable
   * @param holders the owners at the checkpoint with their balances (one owner with 1 for a DDC-721)
   * @param status {@code active} (a valid report never has another)
   * @param origin the log's origin
   * @param checkpointSize the checkpoint's log size
   * @param checkpointTime the checkpoint's time
   * @param checkpointAge how old the checkpoint was at verification (negative within the clock skew)
   * @param revealed the revealed metadata fields, by RFC 6901 path, as JSON values
   * @param hiddenFields how many fields are hidden
   * @param bundleId SM3 of the bundle's canonical form
   */
  public record Claims(long ddc, DdcKind kind, long amount, Did issuer, String issuerName, String issuerKey,
      Did recipient, Instant loggedAt, Optional<String> uri, Optional<String> ref, boolean locked,
      SortedMap<Did, Long> holders, String status, String origin, long checkpointSize, Instant checkpointTime,
      Duration checkpointAge, SortedMap<String, Object> revealed, int hiddenFields, Hash bundleId) {
    public Claims {
      Objects.requireNonNull(kind, "kind");
      holders = Collections.unmodifiableSortedMap(new TreeMap<>(holders));
      revealed = Collections.unmodifiableSortedMap(new TreeMap<>(revealed));
    }

    /** The owner of a DDC-721 (its only holder), if it has one. */
    public Optional<Did> owner() {
      return kind == DdcKind.DDC_721 && holders.size() == 1 ? Optional.of(holders.firstKey()) : Optional.empty();
    }

    /** The claims as a JSON object (times in milliseconds since the epoch, the age in milliseconds). */
    public Map<String, Object> toJson() {
      Map<String, Object> m = new TreeMap<>();
      m.put("ddc", ddc);
      m.put("kind", kind.id());
      m.put("amount", amount);
      m.put("issuer", issuer.value());
      m.put("issuerName", issuerName);
      m.put("issuerKey", issuerKey);
      m.put("recipient", recipient.value());
      m.put("loggedAt", loggedAt.toEpochMilli());
      uri.ifPresent(u -> m.put("uri", u));
      ref.ifPresent(r -> m.put("ref", r));
      m.put("locked", locked);
      Map<String, Object> h = new TreeMap<>();
      holders.forEach((k, v) -> h.put(k.value(), v));
      m.put("holders", h);
      owner().ifPresent(o -> m.put("owner", o.value()));
      m.put("status", status);
      m.put("origin", origin);
      m.put("checkpointSize", checkpointSize);
      m.put("checkpointTime", checkpointTime.toEpochMilli());
      m.put("checkpointAgeMs", checkpointAge.toMillis());
      m.put("revealed", revealed);
      m.put("hiddenFields", (long) hiddenFields);
      m.put("bundleId", bundleId.hex());
      return m;
    }
  }

  private final List<Step> steps;
  private final Claims claims;

  VerificationReport(List<Step> steps, Claims claims) {
    this.steps = List.copyOf(steps);
    this.claims = valid() ? Objects.requireNonNull(claims, "claims of a valid report") : null;
  }

  /** Whether every step passed (or did not apply). */
  public boolean valid() {
    return steps.stream().noneMatch(s -> s.outcome() == Outcome.FAILED);
  }

  /** {@code OK} for a valid bundle, else the first failure's reason code. */
  public String code() {
    return firstFailure().map(Step::code).orElse("OK");
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** The first failed step, if any. */
  public Optional<Step> firstFailure() {
    return steps.stream().filter(s -> s.outcome() == Outcome.FAILED).findFirst();
  }

  /** What a valid bundle proves; empty for an invalid one. */
  public Optional<Claims> claims() {
    return Optional.ofNullable(claims);
  }

  /**
   * The report as one canonical JSON object: {@code valid}, {@code code}, {@code steps} (each
   * {@code step}, {@code outcome}, {@code code}, {@code message}) and, when valid, {@code claims}.
   */
  public String toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("valid", valid());
    m.put("code", code());
    List<Object> l = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> j = new TreeMap<>();
      j.put("step", s.name());
      j.put("outcome", s.outcome().name());
      j.put("code", s.code());
      j.put("message", s.message());
      l.add(j);
    }
    m.put("steps", l);
    if (claims != null) {
      m.put("claims", claims.toJson());
    }
    return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
  }

  /**
   * A first line ({@code VALID} or {@code INVALID: CODE: message}), a line per step, and for a
   * valid bundle what it proves: who issued what and when, and the status as of the checkpoint.
   */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    Optional<Step> f = firstFailure();
    sb.append(f.isEmpty() ? "VALID" : "INVALID: " + f.get().code() + ": " + f.get().message()).append('\n');
    for (Step s : steps) {
      sb.append(String.format("  %-22s %-7s %s%n", s.name(), s.outcome(), s.message()));
    }
    if (claims != null) {
      Claims c = claims;
      sb.append(String.format("  issued:   DDC-%s %d (amount %d) by %s (%s) to %s, logged at %s%n", c.kind().id(),
          c.ddc(), c.amount(), c.issuer(), c.issuerName(), c.recipient(), c.loggedAt()));
      sb.append(String.format("  status:   %s, held by %s, as of the checkpoint of %s (%s old)%n", c.status(),
          c.holders(), c.checkpointTime(), age(c.checkpointAge())));
      sb.append(String.format("  revealed: %s; %d field(s) hidden%n",
          new String(CanonicalJson.write(c.revealed()), StandardCharsets.UTF_8), c.hiddenFields()));
    }
    return sb.toString();
  }

  private static String age(Duration d) {
    if (d.isNegative()) {
      return "0 s";
    }
    return d.toDays() > 0 ? d.toDays() + " d " + d.toHoursPart() + " h"
        : d.toHours() > 0 ? d.toHours() + " h " + d.toMinutesPart() + " min" : d.toMinutes() + " min " + d.toSecondsPart() + " s";
  }
}
