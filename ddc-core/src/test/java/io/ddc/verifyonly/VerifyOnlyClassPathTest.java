package io.ddc.verifyonly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: an offline verifier needs ddc-core, ddc-sm-crypto, Bouncy Castle's bcprov and
 * jackson-core, and nothing else. A child JVM gets exactly those on its class path (plus the one
 * class of this test's main), verifies the corpus's valid bundle, and loads no ledger, JDBC,
 * SQLite, PostgreSQL, Caffeine, Guava or jackson-databind class.
 */
class VerifyOnlyClassPathTest {
  /** The class path entries verification needs, by the name of the jar (or Maven module dir). */
  static final List<String> NEEDED = List.of("ddc-sm-crypto", "bcprov-jdk18on", "jackson-core");

  @Test
  void aBundleVerifies_withOnlyTheVerifierJars_andLoadsNoLedgerClass() throws Exception {
    List<String> entries = Arrays.asList(System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path")).split(File.pathSeparator));
    List<String> cp = new ArrayList<>();
    cp.add(coreClasses());
    for (String need : NEEDED) {
      List<String> found = entries.stream().filter(e -> matches(e, need)).collect(Collectors.toList());
      assertThat(found).as("the test's class path holds %s once", need).hasSize(1);
      cp.add(found.get(0));
    }
    cp.add(isolatedMain());
    Path bundle = resource("/bundle/valid.json");
    Path key = resource("/bundle/operator.pub.pem");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xlog:class+load=info", "-cp", String.join(File.pathSeparator, cp),
        VerifyOnly.class.getName(), bundle.toString(), key.toString(), "conformance.ddc.example/ledger",
        "1790003600000").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).as("the report").contains("REPORT VALID");
    List<String> loaded = out.lines().filter(l -> l.contains("[class,load]"))
        .map(l -> l.replaceFirst(".*\\[class,load\\] (\\S+).*", "$1")).collect(Collectors.toList());
    assertThat(loaded).as("classes loaded").hasSizeGreaterThan(300).contains("io.ddc.bundle.BundleVerifier");
    assertThat(loaded).as("no ledger, storage or other dependency class")
        .noneMatch(c -> c.startsWith("io.ddc.ledger.") || c.startsWith("java.sql.") || c.startsWith("org.sqlite.")
            || c.startsWith("org.postgresql.") || c.startsWith("com.github.benmanes.")
            || c.startsWith("com.google.common.") || c.startsWith("com.fasterxml.jackson.databind."));
  }

  static boolean matches(String entry, String module) {
    String name = Path.of(entry).getFileName().toString();
    if (name.equals("classes")) {
      // a reactor build puts the sibling module's target/classes on the class path
      return Path.of(entry).getParent().getParent().getFileName().toString().equals(module);
    }
    return name.startsWith(module + "-") && name.endsWith(".jar");
  }

  static String coreClasses() throws URISyntaxException {
    return Path.of(io.ddc.bundle.BundleVerifier.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toString();
  }

  /** A directory holding only {@link VerifyOnly}'s class file, not the rest of the test classes. */
  static String isolatedMain() throws IOException {
    Path dir = java.nio.file.Files.createTempDirectory("ddc-verify-only");
    Path cls = dir.resolve("io/ddc/verifyonly/VerifyOnly.class");
    java.nio.file.Files.createDirectories(cls.getParent());
    try (var in = VerifyOnly.class.getResourceAsStream("VerifyOnly.class")) {
      java.nio.file.Files.copy(in, cls);
    }
    return dir.toString();
  }

  static Path resource(String name) throws URISyntaxException {
    return Path.of(VerifyOnlyClassPathTest.class.getResource(name).toURI());
  }
}
