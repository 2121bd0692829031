package io.ddc.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.ddc.checkpoint.NoteKey;
import io.ddc.checkpoint.NoteSigner;
import io.ddc.checkpoint.Witness;
import io.ddc.crypto.sm.DistinguishingId;
import io.ddc.crypto.sm.Hex;
import io.ddc.crypto.sm.SecretAccess;
import io.ddc.crypto.sm.Sm2PrivateKey;
import io.ddc.crypto.sm.Sm2Signer;
import io.ddc.crypto.sm.Sm3;
import io.ddc.ledger.Ledger;
import io.ddc.ledger.memory.MemoryLedgerStore;
import io.ddc.merkle.TreeHasher;
import io.ddc.sign.Signer;
import io.ddc.sign.Signers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No key material in {@code toString}, exception messages or output: every public type that holds a
 * private key (found by scanning the compiled classes, so a new one cannot be forgotten) is printed
 * and checked, and the error paths that see secret input are exercised.
 */
class SecretsTest {
  static final byte[] SCALAR = Sm3.hash("secrets test".getBytes(StandardCharsets.UTF_8));

  /** Every rendering of the secret scalar that could leak: hex both cases, base64, decimal, the PEM body. */
  static List<String> forms(Sm2PrivateKey key) {
    List<String> out = new ArrayList<>();
    String hex = Hex.encode(SCALAR);
    out.add(hex);
    out.add(hex.toUpperCase(Locale.ROOT));
    out.add(hex.substring(0, 16));
    out.add(Base64.getEncoder().encodeToString(SCALAR));
    out.add(new BigInteger(1, SCALAR).toString());
    String pem = key.toPem(SecretAccess.get());
    for (String line : pem.split("\n")) {
      if (!line.startsWith("-----") && line.length() > 16) {
        out.add(line.substring(0, 16));
      }
    }
    return out;
  }

  static void assertNoSecret(String what, String text, List<String> forms) {
    for (String f : forms) {
      assertThat(text).as("%s must not show key material", what).doesNotContain(f);
    }
  }

  /** Public types of ddc whose instances hold a private key or a Signer, directly or through their fields. */
  static Set<String> secretHolders() throws Exception {
    Set<String> out = new TreeSet<>();
    List<String> names = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path root = Path.of(entry);
      if (Files.isDirectory(root) && !root.toString().endsWith("test-classes")) {
        try (Stream<Path> files = Files.walk(root)) {
          files.filter(f -> f.toString().endsWith(".class"))
              .forEach(f -> names.add(root.relativize(f).toString().replace('/', '.')));
        }
      } else if (root.getFileName().toString().startsWith("ddc-") && root.toString().endsWith(".jar")
          && !root.getFileName().toString().contains("tests")) {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
          jar.stream().filter(e -> e.getName().endsWith(".class")).forEach(e -> names.add(e.getName().replace('/', '.')));
        }
      }
    }
    for (String file : names) {
      String name = file.replaceAll("\\.class$", "");
      if (!name.startsWith("io.ddc.") || name.equals("module-info")) {
        continue;
      }
      Class<?> c = Class.forName(name, false, SecretsTest.class.getClassLoader());
      if (Modifier.isPublic(c.getModifiers()) && holdsSecret(c, new HashSet<>(), 0)) {
        out.add(name);
      }
    }
    return out;
  }

  static boolean holdsSecret(Class<?> c, Set<Class<?>> seen, int depth) {
    if (c == Sm2PrivateKey.class || Signer.class.isAssignableFrom(c) && c != Signer.class) {
      return true;
    }
    if (depth > 3 || !seen.add(c) || c.isPrimitive() || c.getName().startsWith("java.")) {
      return false;
    }
    for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
      for (Field f : k.getDeclaredFields()) {
        if (Modifier.isStatic(f.getModifiers())) {
          continue;
        }
        Class<?> t = f.getType();
        if (t == Sm2PrivateKey.class || t == Signer.class || holdsSecret(t, seen, depth + 1)) {
          return true;
        }
      }
    }
    return false;
  }

  @Test
  void everyPublicTypeHoldingASecret_printsNone() throws Exception {
    Sm2PrivateKey key = Sm2PrivateKey.fromScalar(SCALAR);
    List<String> forms = forms(key);
    Signer signer = Signers.sm2(key);
    NoteSigner noteSigner = NoteSigner.of("secrets.ddc.io/log", signer);
    Witness witness = Witness.create(noteSigner, NoteKey.of("log", Signers.sm2(Sm2PrivateKey.generate().publicKey())),
        TreeHasher.sm3(), null);
    Ledger ledger = Ledger.builder(new MemoryLedgerStore()).checkpointSigner("secrets.ddc.io/log", signer).open();
    List<Object> objects = List.of(key, Sm2Signer.create(key, DistinguishingId.DEFAULT), signer, noteSigner, witness,
        ledger, Ledger.builder(new MemoryLedgerStore()).checkpointSigner("secrets.ddc.io/log", signer),
        ledger.snapshot(x -> x),
        io.ddc.client.DdcClient.builder(ledger, io.ddc.model.Did.of("did:test:x"), signer).origin("secrets.ddc.io/log"),
        io.ddc.client.DdcClient.builder(ledger, io.ddc.model.Did.of("did:test:x"), signer).origin("secrets.ddc.io/log")
            .build(),
        io.ddc.serve.LogServer.builder(ledger, Path.of("log")).cosigners(List.of(noteSigner)));
    List<Object> all = new java.util.ArrayList<>(objects);
    // a running log server (it needs a checkpoint to serve)
    ledger.submit(io.ddc.model.Request.builder("secrets.ddc.io/log", io.ddc.model.Operation.LEDGER_INIT,
        io.ddc.model.Did.of("did:test:op")).nonce(1).item(io.ddc.model.Items.ledgerInit("Operator",
        List.of(key.publicKey().toUncompressed()))).build().sign(signer));
    ledger.checkpoint();
    Path served = Files.createTempDirectory("ddc-secrets");
    io.ddc.serve.LogServer server = io.ddc.serve.LogServer.builder(ledger, served).port(0)
        .cosigners(List.of(noteSigner)).start();
    all.add(server);
    objects = all;
    Set<String> covered = new HashSet<>();
    for (Object o : objects) {
      assertNoSecret(o.getClass().getName(), String.valueOf(o), forms);
      for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
        covered.add(k.getName());
      }
    }
    server.close();
    assertThat(covered).as("every public type holding a private key or Signer is printed above")
        .containsAll(secretHolders());
    assertThat(secretHolders()).as("the scan sees both modules").contains(Sm2PrivateKey.class.getName(),
        Sm2Signer.class.getName(), NoteSigner.class.getName(), Witness.class.getName(), Ledger.class.getName());
  }

  @Test
  void errorsOnSecretInput_doNotEchoIt() throws Exception {
    Sm2PrivateKey key = Sm2PrivateKey.fromScalar(SCALAR);
    List<String> forms = forms(key);
    String pem = key.toPem(SecretAccess.get());
    List<String> messages = new ArrayList<>();
    String[] broken = {pem.replace("-----END PRIVATE KEY-----", "-----END PUBLIC KEY-----"),
        pem.replaceFirst("\n", "\nX"), pem.substring(0, pem.length() / 2), pem + pem,
        pem.replace("PRIVATE KEY", "EC PRIVATE KEY"), pem.replace("\n", "\r\n") + "trailing"};
    for (String b : broken) {
      try {
        Sm2PrivateKey.fromPem(b);
        messages.add("(accepted)");
      } catch (Exception e) {
        messages.add(e.toString());
      }
    }
    for (byte[] scalar : new byte[][] {SCALAR, new byte[32], java.util.Arrays.copyOf(SCALAR, 31)}) {
      try {
        Sm2PrivateKey.fromScalar(scalar);
      } catch (Exception e) {
        messages.add(e.toString());
      }
    }
    try {
      io.ddc.crypto.sm.Sm2PublicKey.fromPem(pem);
    } catch (Exception e) {
      messages.add(e.toString());
    }
    for (String m : messages) {
      assertNoSecret("error message " + m, m, forms);
    }
    assertThat(messages).hasSizeGreaterThan(6);
  }

  @Test
  void signingAndProving_writeNothingToStdoutOrStderr() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      Sm2PrivateKey key = Sm2PrivateKey.fromScalar(SCALAR);
      Signer signer = Signers.sm2(key);
      Ledger ledger = Ledger.builder(new MemoryLedgerStore()).checkpointSigner("secrets.ddc.io/log", signer).open();
      io.ddc.model.Did op = io.ddc.model.Did.of("did:t:op");
      ledger.submit(io.ddc.model.Request.builder("secrets.ddc.io/log", io.ddc.model.Operation.LEDGER_INIT, op)
          .nonce(1).item(io.ddc.model.Items.ledgerInit("Operator", List.of(key.publicKey().toUncompressed())))
          .build().sign(signer));
      ledger.checkpoint();
      ledger.audit();
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(buf.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
