package io.ddc.cli;

import io.ddc.crypto.sm.SecretAccess;
import io.ddc.crypto.sm.Sm2PrivateKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code ddc keygen --out PRIVATE.pem [--pub PUBLIC.pem]}. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    footer = {"", "Example:", "  ddc keygen --out uni.pem --pub uni.pub.pem"},
    description = "Generate an SM2 key: PKCS#8 PEM (BEGIN PRIVATE KEY) and, with --pub, SPKI PEM "
        + "(BEGIN PUBLIC KEY). Existing files are not overwritten unless --force is given; the "
        + "private key file is readable by its owner only, where the file system has POSIX permissions.")
final class KeygenCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "PRIVATE.pem", description = "Private key file to write.")
  Path out;

  @Option(names = "--pub", paramLabel = "PUBLIC.pem", description = "Public key file to write.")
  Path pub;

  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;

  @Override
  public Integer call() throws IOException {
    if (pub != null && pub.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())) {
      throw new CliException(Main.EXIT_USAGE, "--out and --pub name the same file " + out);
    }
    Sm2PrivateKey key = Sm2PrivateKey.generate();
    write(out, key.toPem(SecretAccess.get()), true);
    if (pub != null) {
      write(pub, key.publicKey().toPem(), false);
    }
    return 0;
  }

  private void write(Path file, String pem, boolean secret) throws IOException {
    writeFile(file, pem, secret, force);
  }

  /** Writes a new file ({@code secret}: readable by its owner only); exit 2 if it exists, unless {@code force}. */
  static void writeFile(Path file, String pem, boolean secret, boolean force) throws IOException {
    if (force) {
      Files.deleteIfExists(file);
    }
    try {
      if (secret && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      throw new CliException(Main.EXIT_USAGE, file + " already exists; use --force to overwrite it");
    }
    Files.write(file, pem.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.TRUNCATE_EXISTING);
  }
}
