package com.example.stock;

import static com.example.stock.EndToEndTest.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An out-of-stock order mails the buyers, through a real SMTP server running in the test. The mail server makes this
 * app another one than the end-to-end tests' shared app, and both run at once (the test framework keeps started apps
 * for reuse), so this one has a data directory of its own: two instances on one data directory refuse to start.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class OutOfStockMailTest {

    private static final Path DATA_DIR = EndToEndTest.temporaryDataDirectory();

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void mailServer(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "localhost");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("stock.data-dir", DATA_DIR::toString);
        TestUsers.register(registry);
    }

    @LocalServerPort
    private int port;

    private Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    @Test
    void an_out_of_stock_order_mails_the_buyers_and_has_no_allocation() throws Exception {
        String sku = unique("sku"), order = unique("order");
        api.addBatch(unique("batch"), sku, 2, null);

        var answer = api.allocate(order, sku, 3);

        assertThat(answer.json().path("status").asText()).isEqualTo("out_of_stock");
        assertThat(api.allocations(order).status()).isEqualTo(404);
        MimeMessage mail = awaitMailAbout(sku);
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("stock@made.com");
        assertThat(mail.getFrom()).extracting(Object::toString).containsExactly("allocations@example.com");
        assertThat(GreenMailUtil.getBody(mail)).contains(order);
    }

    @Test
    void an_allocated_order_mails_nobody() throws Exception {
        String sku = unique("sku"), outOfStockSku = unique("sku");
        api.addBatch(unique("batch"), sku, 5, null);
        api.addBatch(unique("batch"), outOfStockSku, 1, null);

        api.allocate(unique("order"), sku, 5);
        api.allocate(unique("order"), outOfStockSku, 2);

        // the mail for the later out-of-stock order arriving proves the earlier allocation was handled, mail-free
        awaitMailAbout(outOfStockSku);
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            assertThat(mail.getSubject()).isNotEqualTo("Out of stock for " + sku);
        }
    }

    private static MimeMessage awaitMailAbout(String sku) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            for (MimeMessage mail : smtp.getReceivedMessages()) {
                if (mail.getSubject().equals("Out of stock for " + sku)) {
                    return mail;
                }
            }
            smtp.waitForIncomingEmail(200, smtp.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail about " + sku + " within 10 s");
    }
}
