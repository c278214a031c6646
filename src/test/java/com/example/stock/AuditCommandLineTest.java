package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import com.example.stock.audit.AuditCommandLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** {@code java -jar ... --audit}: progress on the console, and the outcome in the exit status. */
@ExtendWith(OutputCaptureExtension.class)
class AuditCommandLineTest {

    private final Path dataDir = EndToEndTest.temporaryDataDirectory();

    @Test
    void exits_zero_on_a_clean_store_and_one_once_a_read_model_is_damaged(CapturedOutput output) throws Exception {
        try (var app = new SpringApplicationBuilder(StockAllocationApplication.class)
                .run(TestUsers.withUsers("--server.port=0", "--stock.data-dir=" + dataDir))) {
            Api api = new Api(((WebServerApplicationContext) app).getWebServer().getPort());
            api.addBatch("batch-cli", "sku-cli", 10, null);
            api.allocate("order-cli", "sku-cli", 3);
        }

        int clean = AuditCommandLine.run(StockAllocationApplication.class, args());

        assertThat(clean).isZero();
        assertThat(output.getOut()).contains("audit: hash chain verified", "audit: CLEAN - 2 events, 1 products, 1 orders");

        try (Connection database = DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("stock"), "sa", "")) {
            database.createStatement().executeUpdate("DELETE FROM allocations_view_a");
        }
        int damaged = AuditCommandLine.run(StockAllocationApplication.class, args());

        assertThat(damaged).isEqualTo(1);
        assertThat(output.getOut()).contains("audit: PROBLEMS FOUND", "audit: 1 read-model discrepancies",
                                             "allocations-view", "order-cli/sku-cli");
    }

    @Test
    void exits_two_when_the_audit_cannot_run() {
        int status = AuditCommandLine.run(StockAllocationApplication.class,
                                          new String[]{"--audit", "--spring.datasource.url=jdbc:nothing:here"});

        assertThat(status).isEqualTo(2);
    }

    private String[] args() {
        return new String[]{"--audit", "--stock.data-dir=" + dataDir};
    }
}
