package io.ddc.bundle;

import io.ddc.json.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What the verifier found: every step with its outcome, and what the bundle shows when valid. */
public final class VerificationReport {
  /** A step's outcome. */
  public enum Outcome { PASSED, FAILED, SKIPPED }

  /**
   * One step.
   *
   * @param name the step, e.g. {@code CHECKPOINT_SIGNATURE}
   * @param outcome passed, failed, or skipped (not checked because an earlier step failed, or not applicable)
   * @param code a reason code for failures, e.g. {@code DDC_FROZEN}
   * @param message what was checked or what was wrong
   */
  public record Step(String name, Outcome outcome, String code, String message) {}

  private final List<Step> steps;
  private final Map<String, Object> facts;

  VerificationReport(List<Step> steps, Map<String, Object> facts) {
    this.steps = List.copyOf(steps);
    this.facts = new TreeMap<>(facts);
  }

  /** Whether every step passed. */
  public boolean valid() {
    return steps.stream().allMatch(s -> s.outcome() == Outcome.PASSED || s.code().equals("NOT_APPLICABLE"));
  }

  /** The steps, in order. */
  public List<Step> steps() {
    return steps;
  }

  /** The first failed step, if any. */
  public Optional<Step> firstFailure() {
    return steps.stream().filter(s -> s.outcome() == Outcome.FAILED).findFirst();
  }

  /** What the bundle shows (DDC id, owner, status, issuer, revealed fields, hidden count, checkpoint). */
  public Map<String, Object> facts() {
    return facts;
  }

  /** The report as canonical JSON. */
  public String toJson() {
    Map<String, Object> m = new TreeMap<>();
    m.put("valid", valid());
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
    m.put("facts", facts);
    return new String(CanonicalJson.write(m), StandardCharsets.UTF_8);
  }

  /** A first line ({@code VALID} or {@code INVALID: CODE: message}) and a line per step. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    Optional<Step> f = firstFailure();
    sb.append(f.isEmpty() ? "VALID" : "INVALID: " + f.get().code() + ": " + f.get().message()).append('\n');
    for (Step s : steps) {
      sb.append(String.format("  %-22s %-7s %s%n", s.name(), s.outcome(), s.message()));
    }
    return sb.toString();
  }
}
