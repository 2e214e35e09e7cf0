package dev.tocsin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Every Java and XML snippet in the README works: each Java snippet compiles against Tocsin's modules (as a whole
 * file, as members of a class, or as statements in a method, with the imports a reader would add), each Logback
 * configuration starts its appenders with no error, and each Maven dependency names an artifact this build makes.
 */
class ReadmeSnippetsTest {
    private static final Path README = Path.of("..", "README.md");
    private static final Pattern BLOCK = Pattern.compile("(?m)^```(java|xml)\\s*$\\n(.*?)^```\\s*$", Pattern.DOTALL);
    /** What a reader adds without thinking: Tocsin's packages, the JDK's and the test libraries' common ones. */
    private static final String IMPORTS = String.join("\n",
            "import dev.tocsin.*;", "import dev.tocsin.event.*;", "import dev.tocsin.pagerduty.*;",
            "import dev.tocsin.alertmanager.*;", "import dev.tocsin.webhook.*;", "import dev.tocsin.spi.*;",
            "import dev.tocsin.micrometer.*;", "import dev.tocsin.rules.*;", "import dev.tocsin.logback.*;", "import dev.tocsin.spring.*;",
            "import dev.tocsin.testkit.*;", "import static dev.tocsin.testkit.InboxAssertions.assertThat;",
            "import java.time.*;", "import java.util.*;", "import java.nio.file.*;",
            "import org.junit.jupiter.api.*;", "import org.junit.jupiter.api.extension.*;",
            "import org.slf4j.*;", "import org.springframework.context.annotation.*;",
            "import org.springframework.boot.*;", "import org.springframework.boot.autoconfigure.*;",
            "import " + bootHealthPackage() + ".*;", "");

    /** What the README's statements take as given: the reader's own names for a key, a client, an order. */
    private static final String CONTEXT = String.join("\n",
            " String routingKey = IncidentInbox.ROUTING_KEY, key = routingKey;",
            " String slackHookUrl = \"https://hooks.slack.com/services/T0/B0/XYZ\";",
            " Tocsin tocsin = Tocsin.noop();",
            " String am0 = \"http://127.0.0.1:9093\", am1 = \"http://127.0.0.1:9094\";",
            " Object order = new Object();",
            " void chargeCard(Object order) throws Exception { }", "");

    record Snippet(String language, int line, String code) {
        @Override
        public String toString() {
            return language + " snippet at README.md line " + line;
        }
    }

    /**
     * The health API's package of the Spring Boot line on the class path: Spring Boot 4 moved it from
     * {@code org.springframework.boot.actuate.health} (3.5, the {@code -Pboot3} build) to its own module.
     */
    private static String bootHealthPackage() {
        try {
            Class.forName("org.springframework.boot.health.contributor.HealthIndicator");
            return "org.springframework.boot.health.contributor";
        } catch (ClassNotFoundException e) {
            return "org.springframework.boot.actuate.health";
        }
    }

    static List<Snippet> snippets() throws IOException {
        String readme = Files.readString(README);
        List<Snippet> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            int line = (int) readme.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.add(new Snippet(m.group(1), line, m.group(2)));
        }
        return out;
    }

    @Test
    void theReadmeHasSnippetsOfBothKinds() throws IOException {
        assertThat(snippets()).extracting(Snippet::language).contains("java", "xml");
    }

    @TestFactory
    Stream<DynamicTest> everySnippetWorks(@TempDir Path out) throws IOException {
        return snippets().stream().map(s -> DynamicTest.dynamicTest(s.toString(),
                () -> {
                    if (s.language().equals("java")) {
                        compiles(s, out);
                    } else {
                        xmlWorks(s);
                    }
                }));
    }

    // ---- Java ----

    private static void compiles(Snippet s, Path out) throws IOException {
        String code = s.code();
        StringBuilder ownImports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        String pkg = null;
        for (String line : code.split("\n", -1)) {
            if (line.startsWith("import ")) {
                ownImports.append(line).append('\n');
            } else if (line.startsWith("package ")) {
                pkg = line;
            } else {
                body.append(line).append('\n');
            }
        }
        String imports = (pkg == null ? "" : pkg + "\n") + ownImports + IMPORTS;
        String name = "Snippet" + s.line();
        List<String> attempts = new ArrayList<>();
        // a whole file: its top-level types; members of a class; or statements in a method
        String[] forms = {
            imports + body,
            imports + "class " + name + " {\n" + body + "\n}\n",
            imports + "class " + name + " {\n" + CONTEXT + " void run() throws Exception {\n" + body + "\n}\n}\n",
        };
        for (String form : forms) {
            String problems = compile(form, out.resolve(name + "-" + attempts.size()));
            if (problems == null) {
                return;
            }
            attempts.add(problems);
        }
        throw new AssertionError(s + " does not compile as a file, as class members, or as statements:\n"
                + String.join("\n---\n", attempts) + "\n\n" + code);
    }

    /** The compiler's complaints about one source file, or {@code null} if it compiles. */
    private static String compile(String source, Path out) throws IOException {
        Files.createDirectories(out);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String publicName = topLevelName(source);
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + publicName + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
                    "-proc:none", "-Xlint:none", "--release", "17");
            boolean ok = compiler.getTask(new StringWriter(), files, diagnostics, options, null, List.of(file)).call();
            if (ok) {
                return null;
            }
        }
        StringBuilder problems = new StringBuilder();
        diagnostics.getDiagnostics().stream().limit(5).forEach(d -> problems.append("line ").append(d.getLineNumber())
                .append(": ").append(d.getMessage(Locale.ROOT)).append('\n'));
        return problems.toString();
    }

    private static String topLevelName(String source) {
        Matcher m = Pattern.compile("(?m)^public\\s+(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)")
                .matcher(source);
        return m.find() ? m.group(1) : "Snippet";
    }

    // ---- XML ----

    private static void xmlWorks(Snippet s) throws Exception {
        String xml = s.code().strip();
        if (xml.startsWith("<configuration")) {
            logbackStarts(s, xml);
        } else if (xml.startsWith("<dependency>") || xml.startsWith("<dependencies>")) {
            dependencyExists(s, xml);
        } else {
            // any other XML is at least well-formed
            parse("<snippet>" + xml + "</snippet>");
        }
    }

    /** Logback reads the configuration and starts every appender in it without an error or a warning. */
    private static void logbackStarts(Snippet s, String xml) throws Exception {
        LoggerContext context = new LoggerContext();
        context.setName("readme-" + s.line());
        context.putProperty("TOCSIN_ROUTING_KEY", dev.tocsin.testkit.IncidentInbox.ROUTING_KEY);
        try {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            List<String> problems = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(st -> st.getLevel() >= Status.WARN).map(st -> st.getMessage()).toList();
            assertThat(problems).as("%s: Logback's warnings and errors", s).isEmpty();
            assertThat(context.getLogger("ROOT").iteratorForAppenders()).as("%s: appenders", s).hasNext();
        } finally {
            context.stop();
        }
    }

    /** A dependency on an artifact of this build, at its version. */
    private static void dependencyExists(Snippet s, String xml) throws Exception {
        Document doc = parse(xml.startsWith("<dependencies>") ? xml : "<dependencies>" + xml + "</dependencies>");
        var nodes = doc.getElementsByTagName("dependency");
        assertThat(nodes.getLength()).as("%s: dependencies", s).isPositive();
        String version = Files.readString(Path.of("..", "pom.xml")).replaceAll("(?s).*?<version>([^<]+)</version>.*",
                "$1");
        for (int i = 0; i < nodes.getLength(); i++) {
            Element d = (Element) nodes.item(i);
            String group = text(d, "groupId");
            String artifact = text(d, "artifactId");
            if (!group.equals("dev.tocsin")) {
                continue; // another project's artifact, such as a Spring Boot starter
            }
            assertThat(modules()).as("%s: a Tocsin artifact this build makes", s).contains(artifact);
            String v = text(d, "version");
            if (!v.isEmpty()) {
                assertThat(v).as("%s: the version", s).isEqualTo(version);
            }
        }
    }

    private static List<String> modules() throws IOException {
        List<String> artifacts = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of(".."))) {
            for (Path dir : dirs.filter(d -> Files.exists(d.resolve("pom.xml")) && d.getFileName().toString()
                    .startsWith("sdk-")).toList()) {
                String pom = Files.readString(dir.resolve("pom.xml"));
                Matcher m = Pattern.compile("</parent>\\s*<artifactId>([^<]+)</artifactId>").matcher(pom);
                if (m.find()) {
                    artifacts.add(m.group(1));
                }
            }
        }
        return artifacts;
    }

    private static String text(Element parent, String tag) {
        var list = parent.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().trim();
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
