package io.ddc.bundle;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Regenerates docs/conformance/ when asked:
 * {@code mvn -pl ddc-core -am test -Dtest=ConformanceCorpusWriter -Dsurefire.failIfNoSpecifiedTests=false
 * -Dddc.conformance.out=$PWD/docs/conformance}. Skipped otherwise.
 */
class ConformanceCorpusWriter {
  @Test
  @EnabledIfSystemProperty(named = "ddc.conformance.out", matches = ".+")
  void write() throws Exception {
    Path out = Path.of(System.getProperty("ddc.conformance.out"));
    ConformanceCorpus.main(new String[] {out.toString()});
  }
}
