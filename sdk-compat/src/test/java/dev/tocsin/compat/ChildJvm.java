package dev.tocsin.compat;

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
import java.util.stream.Stream;

/** Runs a main class in a JVM whose class path is this one's with some libraries swapped for other versions. */
public final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * Runs {@code main} with the jars of {@code replacements} (a directory under {@code tocsin.outOfRange.dir})
     * instead of this class path's jars whose names start with any of {@code dropped}.
     *
     * @return what the child printed, standard error included
     */
    public static String run(Class<?> main, String replacements, List<String> dropped, String... args)
            throws IOException, InterruptedException {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (dropped.stream().noneMatch(name::startsWith)) {
                classPath.add(entry);
            }
        }
        Path dir = Path.of(System.getProperty("tocsin.outOfRange.dir"), replacements);
        try (Stream<Path> jars = Files.list(dir)) {
            jars.filter(p -> p.toString().endsWith(".jar")).forEach(p -> classPath.add(p.toString()));
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", String.join(File.pathSeparator, classPath), main.getName()));
        command.addAll(Arrays.asList(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        return output;
    }
}
