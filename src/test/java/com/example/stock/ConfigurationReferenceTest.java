package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * The README's configuration table lists every property of the service's own, each with its default: those bound to
 * {@code @ConfigurationProperties} records and those read with {@code @Value}.
 */
class ConfigurationReferenceTest {

    private static final Pattern VALUE = Pattern.compile("\\$\\{(stock\\.[a-z.-]+)");

    @Test
    void the_readme_lists_every_property_with_its_default() throws IOException {
        Map<String, String> properties = new TreeMap<>();
        propertiesOfRecords(properties);
        propertiesReadWithValue(properties);
        String readme = Files.readString(Path.of("README.md"));

        assertThat(properties).containsKeys("stock.data-dir", "stock.http.max-body-size",
                                            "stock.security.users.<name>.password-hash");
        properties.forEach((property, defaultValue) -> {
            String row = readme.lines().filter(line -> line.startsWith("| `" + property + "` |")).findFirst().orElse(null);
            assertThat(row).as(property + " is in the README's configuration table").isNotNull();
            if (!defaultValue.isEmpty()) {
                assertThat(row).as(property + " with its default").contains("`" + defaultValue + "`");
            }
        });
    }

    private static void propertiesOfRecords(Map<String, String> properties) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        scanner.findCandidateComponents("com.example.stock").forEach(candidate -> {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            add(properties, type.getAnnotation(ConfigurationProperties.class).value(), type);
        });
    }

    /** A record's components as properties; a map of records is keyed by {@code <name>}. */
    private static void add(Map<String, String> properties, String prefix, Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            String property = prefix + "." + kebab(component.getName());
            if (component.getType().isRecord()) {
                add(properties, property, component.getType());
            } else if (Map.class.isAssignableFrom(component.getType())
                    && component.getGenericType() instanceof ParameterizedType map
                    && map.getActualTypeArguments()[1] instanceof Class<?> value && value.isRecord()) {
                add(properties, property + ".<name>", value);
            } else {
                DefaultValue defaultValue = component.getAnnotation(DefaultValue.class);
                properties.put(property, defaultValue == null ? "" : String.join(",", defaultValue.value()));
            }
        }
    }

    /** {@code @Value("${stock....}")} in the main sources; their defaults are in application.yml, not checked here. */
    private static void propertiesReadWithValue(Map<String, String> properties) throws IOException {
        try (Stream<Path> sources = Files.walk(Path.of("src", "main", "java"))) {
            for (Path source : sources.filter(path -> path.toString().endsWith(".java")).toList()) {
                Matcher matcher = VALUE.matcher(Files.readString(source));
                while (matcher.find()) {
                    properties.putIfAbsent(matcher.group(1), "");
                }
            }
        }
    }

    private static String kebab(String camelCase) {
        return Arrays.stream(camelCase.split("(?=[A-Z])")).map(String::toLowerCase)
                     .reduce((first, second) -> first + "-" + second).orElseThrow();
    }
}
