package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** With no mail server configured the service keeps working and says which mail it did not send. */
@ExtendWith(OutputCaptureExtension.class)
class MailNotConfiguredTest extends EndToEndTest {

    @Test
    void an_out_of_stock_order_is_answered_and_the_unsent_mail_is_logged(CapturedOutput output) throws Exception {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 1, null);

        var answer = api.allocate(unique("order"), sku, 2);

        assertThat(answer.status()).isEqualTo(202);
        String expected = "not sent to stock@made.com: Out of stock for " + sku;
        long deadline = System.currentTimeMillis() + 10_000;
        while (!output.getAll().contains(expected) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(output.getAll()).contains(expected);
    }
}
