package io.ddc.crypto.sm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.StringWriter;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java block of the root README's ddc-sm-crypto section compiles against this module and runs without error. */
class ReadmeSnippetTest {
  @Test
  void readmeJavaBlock_compilesAndRuns(@TempDir Path out) throws Exception {
    Path readme = Paths.get(System.getProperty("user.dir")).resolve("../README.md").normalize();
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    int section = text.indexOf("## Using ddc-sm-crypto");
    assertThat(section).as("README.md has a section on ddc-sm-crypto").isNotNegative();
    int start = text.indexOf("```java\n", section);
    assertThat(start).as("that section has a ```java block").isNotNegative();
    String body = text.substring(start + 8, text.indexOf("```", start + 8));
    String source = "package readme;\n"
        + "import io.ddc.crypto.sm.*;\n"
        + "import java.nio.charset.StandardCharsets;\n"
        + "public class Snippet {\n"
        + "  public static void main(String[] args) throws Exception {\n" + body + "  }\n}\n";
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter diagnostics = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
      files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
      JavaFileObject unit = new SimpleJavaFileObject(URI.create("string:///readme/Snippet.java"), JavaFileObject.Kind.SOURCE) {
        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
          return source;
        }
      };
      boolean ok = javac.getTask(diagnostics, files, null,
          List.of("-classpath", System.getProperty("java.class.path"), "-Xlint:all"), null, List.of(unit)).call();
      assertThat(ok).as("README snippet compiles:%n%s%n%s", diagnostics, source).isTrue();
    }
    try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, getClass().getClassLoader())) {
      loader.loadClass("readme.Snippet").getMethod("main", String[].class).invoke(null, (Object) new String[0]);
    }
    assertThat(new File(out.toFile(), "readme/Snippet.class")).exists();
  }
}
