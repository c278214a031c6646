package com.example.stock.shared;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code stock.data-dir} absolute before anything uses it: H2 refuses a database path that is relative
 * without a leading {@code ./}, so {@code --stock.data-dir=data} would otherwise fail with an obscure message.
 */
class AbsoluteDataDirectory implements EnvironmentPostProcessor, Ordered {

    private static final String PROPERTY = "stock.data-dir";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        String configured = environment.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank()) {
            String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
            environment.getPropertySources().addFirst(new MapPropertySource("absoluteDataDirectory",
                                                                            Map.of(PROPERTY, absolute)));
        }
    }

    /** After the configuration files are read. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
