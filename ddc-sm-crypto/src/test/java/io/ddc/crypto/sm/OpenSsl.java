package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs the OpenSSL 3 command line as an independent reference. Where it is missing the
 * calling test is skipped with a note, except under {@code CI=true}, where it fails.
 */
final class OpenSsl {
  private OpenSsl() {}

  /** Skips (or, in CI, fails) the test unless an OpenSSL 3 with SM2 and SM3 is on the PATH. */
  static void require() {
    String problem = problem();
    if (problem == null) {
      return;
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new AssertionError("CI=true but " + problem + "; .ci/run must install openssl");
    }
    Assumptions.abort(problem + "; skipping the OpenSSL cross-check");
  }

  private static String problem() {
    String path = System.getenv().getOrDefault("PATH", "");
    boolean found = Arrays.stream(path.split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, "openssl")));
    if (!found) {
      return "openssl is not on the PATH";
    }
    try {
      Result r = run("version");
      if (r.exitCode != 0 || !r.stdout.startsWith("OpenSSL 3")) {
        return "openssl is not OpenSSL 3 (" + r.stdout.strip() + ")";
      }
    } catch (IOException e) {
      return "openssl cannot be run: " + e.getMessage();
    }
    return null;
  }

  /** The outcome of one command. */
  static final class Result {
    final int exitCode;
    final String stdout;
    final String stderr;

    Result(int exitCode, String stdout, String stderr) {
      this.exitCode = exitCode;
      this.stdout = stdout;
      this.stderr = stderr;
    }
  }

  static Result run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(Arrays.asList(args));
    Path out = Files.createTempFile("openssl", ".out");
    Path err = Files.createTempFile("openssl", ".err");
    try {
      Process p = new ProcessBuilder(cmd)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("openssl timed out: " + cmd);
      }
      return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** Runs and requires exit code 0. */
  static String ok(String... args) throws IOException {
    Result r = run(args);
    assertThat(r.exitCode).as("openssl %s failed: %s", String.join(" ", args), r.stderr).isZero();
    return r.stdout;
  }
}
