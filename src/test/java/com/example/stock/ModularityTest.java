package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.modulith.docs.Documenter.Options;

/**
 * Fails when a module reaches into another module's internals or modules depend on each other in a cycle, and when
 * the module map in {@code docs/modules} (and its copy in the README) no longer shows the code.
 */
class ModularityTest {

    static final ApplicationModules modules = ApplicationModules.of(StockAllocationApplication.class);

    private static final Path DOCS = Path.of("docs", "modules");
    private static final Comparator<ApplicationModule> BY_NAME = Comparator.comparing(module -> module.getIdentifier().toString());

    @Test
    void modules_use_only_each_others_public_api() {
        modules.verify();
    }

    /**
     * The map is drawn from the code into {@code target/}: Spring Modulith's PlantUML diagrams (C4 style, one of all
     * modules and one a module) and a Mermaid flowchart that GitHub shows. When it differs from {@code docs/modules},
     * that folder is rewritten and the test fails once, so a change of the module structure is seen and committed
     * with the code that made it. The PlantUML files are compared line by line in any order: the order of their lines
     * follows the order in which classes were found, which is not the same on every machine.
     */
    @Test
    void the_module_map_in_docs_shows_the_modules_as_they_are() throws IOException {
        Path drawn = Path.of("target", "module-map");
        new Documenter(modules, Options.defaults().withOutputFolder(drawn.toString()))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml();
        Files.writeString(drawn.resolve("README.md"), mapPage());

        Map<String, String> fromCode = filesIn(drawn);
        Map<String, String> inDocs = filesIn(DOCS);
        if (!comparable(fromCode).equals(comparable(inDocs))) {
            rewriteDocs(fromCode);
        }

        assertThat(comparable(inDocs)).as("docs/modules was out of date; it has been redrawn from the code: commit it")
                                      .isEqualTo(comparable(fromCode));
        assertThat(Files.readString(Path.of("README.md")))
                .as("the README shows the module map of docs/modules/README.md")
                .contains(flowchart());
    }

    private static String mapPage() {
        return """
                # Module map

                Drawn from the code by `ModularityTest`, which fails when this folder no longer matches the code (and \
                then redraws it). An arrow points from a module to one whose public API it uses.

                %s
                The same as [PlantUML](https://plantuml.com) component diagrams (C4 style), drawn by Spring Modulith: \
                [all modules](components.puml), and one a module with the modules it uses: %s.
                """.formatted(flowchart(), modules.stream().sorted(BY_NAME)
                                                  .map(module -> "[%s](module-%s.puml)".formatted(
                                                          module.getIdentifier(), module.getIdentifier()))
                                                  .collect(Collectors.joining(", ")));
    }

    /** A Mermaid flowchart of the modules and their direct dependencies, in the order of their names. */
    static String flowchart() {
        StringBuilder chart = new StringBuilder("```mermaid\nflowchart LR\n");
        modules.stream().sorted(BY_NAME).forEach(module -> chart.append("    %s[\"%s\"]\n".formatted(
                module.getIdentifier(), module.getDisplayName())));
        modules.stream().sorted(BY_NAME).forEach(module -> module.getDirectDependencies(modules).uniqueModules()
                .sorted(BY_NAME)
                .forEach(used -> chart.append("    %s --> %s\n".formatted(module.getIdentifier(), used.getIdentifier()))));
        return chart.append("```\n").toString();
    }

    private static Map<String, String> filesIn(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listed = Files.list(folder)) {
                listed.forEach(file -> files.put(file.getFileName().toString(), read(file)));
            }
        }
        return files;
    }

    private static Map<String, String> comparable(Map<String, String> files) {
        Map<String, String> comparable = new TreeMap<>();
        files.forEach((name, text) -> comparable.put(name, name.endsWith(".puml")
                ? text.lines().sorted().collect(Collectors.joining("\n")) : text));
        return comparable;
    }

    private static void rewriteDocs(Map<String, String> files) throws IOException {
        Files.createDirectories(DOCS);
        for (String stale : filesIn(DOCS).keySet()) {
            Files.delete(DOCS.resolve(stale));
        }
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(DOCS.resolve(file.getKey()), file.getValue());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
