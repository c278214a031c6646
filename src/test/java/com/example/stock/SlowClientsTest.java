package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.example.stock.allocation.Allocated;
import org.junit.jupiter.api.Test;

/** Clients slow to send their requests hold no one else up: the service works on a request once it has it all. */
class SlowClientsTest extends EndToEndTest {

    @Test
    void clients_slow_to_send_their_bodies_hold_up_no_other_request() throws Exception {
        String sku = unique("sku");
        api.addBatch(unique("batch"), sku, 100, null);
        int slowClients = Runtime.getRuntime().availableProcessors() + 2; // more than there are lanes
        List<Socket> slow = new ArrayList<>();
        List<String> rests = new ArrayList<>();
        try {
            for (int i = 0; i < slowClients; i++) {
                String body = "{\"orderid\":\"%s\",\"sku\":\"%s\",\"qty\":1}".formatted(unique("slow"), sku);
                Socket client = new Socket("localhost", port());
                slow.add(client);
                send(client, headers(body) + body.substring(0, 10));
                rests.add(body.substring(10));
            }

            var answer = CompletableFuture.supplyAsync(() -> api.allocate(unique("order"), sku, 1))
                                          .get(10, TimeUnit.SECONDS);

            assertThat(answer.status()).as("answered while the slow clients are still sending").isEqualTo(202);
            for (int i = 0; i < slowClients; i++) {
                send(slow.get(i), rests.get(i));
                assertThat(status(slow.get(i))).isEqualTo(202);
            }
            assertThat(storedEvents(sku, Allocated.class)).isEqualTo(slowClients + 1);
        } finally {
            for (Socket client : slow) {
                client.close();
            }
        }
    }

    private static String headers(String body) {
        String credentials = TestUsers.TESTER + ":" + TestUsers.passwordOf(TestUsers.TESTER);
        return "POST /allocate HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8))
                + "\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n";
    }

    private static void send(Socket client, String text) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int status(Socket client) throws IOException {
        client.setSoTimeout(10_000);
        String statusLine = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))
                .readLine(); // HTTP/1.1 202
        return Integer.parseInt(statusLine.split(" ")[1]);
    }
}
