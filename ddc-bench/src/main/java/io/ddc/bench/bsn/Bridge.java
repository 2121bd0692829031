package io.ddc.bench.bsn;

import io.ddc.json.CanonicalJson;
import io.ddc.json.JsonFormatException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The BSN side of the differential run: the Node script {@code ddc-bench/bsn-diff/bridge.mjs},
 * which runs anvil with the BSN contracts, spoken to in JSON lines over its stdin and stdout.
 */
public final class Bridge implements AutoCloseable {
  private final Process process;
  private final BufferedReader in;
  private final OutputStream out;
  private long seq;

  /** One transaction: {@code from} calls {@code fn} (a signature such as {@code mint(address,string)}) of a contract. */
  public record Tx(String from, String contract, String fn, List<Object> args) {}

  /** One read-only call. */
  public record Call(String contract, String fn, List<Object> args) {}

  /** A transaction list's outcome: all succeeded (and were kept: {@code snapshot} undoes them), or the first revert. */
  public record ExecResult(boolean ok, int index, String reason, String snapshot) {}

  /** A read's outcome: the decoded values as strings, or the revert reason. */
  public record ReadResult(boolean ok, List<Object> value, String reason) {}

  /** What {@code deploy} set up: the owner of the contracts, the spare unlocked accounts, the contract addresses. */
  public record Deployment(String owner, List<String> accounts, Map<String, String> contracts) {}

  /** Starts {@code node bridge --contracts contractsDir}; the bridge's diagnostics go to this stderr. */
  public Bridge(String node, Path bridge, Path contractsDir) throws IOException {
    process = new ProcessBuilder(node, bridge.toString(), "--contracts", contractsDir.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    out = process.getOutputStream();
  }

  /** Compiles and deploys the contracts and starts the chain. */
  @SuppressWarnings("unchecked")
  public Deployment deploy() throws BridgeException {
    Map<String, Object> r = send(Map.of("cmd", "deploy"));
    return new Deployment((String) r.get("owner"), (List<String>) (List<?>) r.get("accounts"),
        (Map<String, String>) (Map<?, ?>) r.get("contracts"));
  }

  /** Runs {@code txs} in order, stopping at the first revert; keeps their effect only if {@code keep} and all succeed. */
  public ExecResult exec(List<Tx> txs, boolean keep) throws BridgeException {
    List<Object> list = new ArrayList<>();
    for (Tx t : txs) {
      list.add(Map.of("from", t.from(), "to", t.contract(), "fn", t.fn(), "args", t.args()));
    }
    Map<String, Object> r = send(Map.of("cmd", "exec", "txs", list, "keep", keep));
    boolean ok = Boolean.TRUE.equals(r.get("ok"));
    return new ExecResult(ok, ok ? -1 : ((Number) r.get("index")).intValue(), ok ? null : (String) r.get("reason"),
        (String) r.get("snap"));
  }

  /** Runs read-only calls in one batch. */
  @SuppressWarnings("unchecked")
  public List<ReadResult> read(List<Call> calls) throws BridgeException {
    List<Object> list = new ArrayList<>();
    for (Call c : calls) {
      list.add(Map.of("to", c.contract(), "fn", c.fn(), "args", c.args()));
    }
    List<ReadResult> results = new ArrayList<>();
    for (Object o : (List<Object>) send(Map.of("cmd", "read", "calls", list)).get("results")) {
      Map<String, Object> m = (Map<String, Object>) o;
      boolean ok = Boolean.TRUE.equals(m.get("ok"));
      results.add(new ReadResult(ok, ok ? (List<Object>) m.get("value") : List.of(), (String) m.get("reason")));
    }
    return results;
  }

  /** A snapshot of the chain to {@link #revert} to. */
  public String snapshot() throws BridgeException {
    return (String) send(Map.of("cmd", "snapshot")).get("id");
  }

  /** Returns the chain to a snapshot (which is used up). */
  public void revert(String snapshot) throws BridgeException {
    Map<String, Object> r = send(Map.of("cmd", "revert", "id", snapshot));
    if (!Boolean.TRUE.equals(r.get("ok"))) {
      throw new BridgeException("evm_revert to " + snapshot + " failed");
    }
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> send(Map<String, Object> command) throws BridgeException {
    Map<String, Object> m = new LinkedHashMap<>(command);
    m.put("seq", ++seq);
    try {
      out.write(CanonicalJson.write(m));
      out.write('\n');
      out.flush();
      String line = in.readLine();
      if (line == null) {
        throw new BridgeException("the bridge exited (see its messages above)");
      }
      Map<String, Object> r = (Map<String, Object>) CanonicalJson.parse(line.getBytes(StandardCharsets.UTF_8));
      if (r.containsKey("error")) {
        throw new BridgeException("bridge: " + r.get("error"));
      }
      return r;
    } catch (IOException | JsonFormatException e) {
      throw new BridgeException("bridge: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      send(Map.of("cmd", "quit"));
    } catch (BridgeException e) {
      // already gone
    }
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroy();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroy();
    }
  }

  /** The bridge failed or answered with an error: the run cannot go on. */
  public static final class BridgeException extends Exception {
    private static final long serialVersionUID = 1L;

    BridgeException(String message) {
      super(message);
    }

    BridgeException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
