package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A second instance started on the data directory of a running one refuses to start and says why; the running one
 * goes on. (That the lock is released when an instance stops is shown by {@link DurabilityTest}, which starts the
 * service twice, one after the other, on one directory.)
 */
@ExtendWith(OutputCaptureExtension.class)
class DataDirectoryLockTest extends EndToEndTest {

    @Test
    void a_second_instance_on_the_same_data_directory_refuses_to_start_with_a_clear_message(CapturedOutput output)
            throws Exception {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 10, null);

        assertThatThrownBy(() -> new SpringApplicationBuilder(StockAllocationApplication.class)
                .run("--server.port=0", "--stock.data-dir=" + dataDirectory()))
                .hasStackTraceContaining("is in use by another running instance of the service");

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("The data directory " + dataDirectory().toRealPath() + " is in use by another running "
                          + "instance of the service")
                .contains("Stop the other instance first, or give this one its own data directory");
        assertThat(api.allocate(unique("order"), sku, 1).status()).isEqualTo(202);
        assertThat(api.product(sku).json().path("batches").get(0).path("allocated").asInt()).isEqualTo(1);
    }
}
