package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What an auditor reads: product histories, order timelines, past states and the global event feed. */
class AuditTrailTest extends EndToEndTest {

    @Nested
    class ProductHistory {

        @Test
        void lists_every_event_of_the_product_in_order_with_its_metadata() {
            String sku = unique("sku"), ref = unique("batch"), order = unique("order");
            api.addBatch(ref, sku, 10, null);
            api.allocate(order, sku, 4);

            JsonNode history = api.get("/products/" + sku + "/history").json();

            assertThat(history.path("totalEvents").asInt()).isEqualTo(2);
            JsonNode events = history.path("events");
            assertThat(events.findValuesAsText("type")).containsExactly("BatchCreated", "Allocated");
            assertThat(events.get(0).path("sequence").asInt()).isZero();
            assertThat(events.get(1).path("sequence").asInt()).isEqualTo(1);
            assertThat(events.get(1).path("payload").path("orderId").asText()).isEqualTo(order);
            assertThat(Instant.parse(events.get(1).path("timestamp").asText())).isBefore(Instant.now());
            JsonNode metadata = events.get(1).path("metadata");
            assertThat(metadata.path("command").asText()).isEqualTo("Allocate");
            assertThat(metadata.path("user").asText()).isEqualTo(TestUsers.TESTER);
            assertThat(metadata.path("correlationId").asText()).isNotBlank();
            assertThat(metadata.path("causationId").asText()).isNotBlank();
            assertThat(metadata.path("hash").asText()).hasSize(64);
        }

        @Test
        void is_paged() {
            String sku = unique("sku");
            for (int i = 0; i < 5; i++) {
                api.addBatch(unique("batch"), sku, 1, null);
            }

            JsonNode page = api.get("/products/" + sku + "/history?page=1&size=2").json();

            assertThat(page.path("totalEvents").asInt()).isEqualTo(5);
            assertThat(page.path("events").findValuesAsText("sequence")).containsExactly("2", "3");
        }

        @Test
        void of_an_unknown_product_is_a_404() {
            assertThat(api.get("/products/" + unique("sku") + "/history").status()).isEqualTo(404);
        }

        @Test
        void with_a_page_size_out_of_range_is_a_400_problem() {
            var answer = api.get("/products/x/history?size=0");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.isProblem()).isTrue();
            assertThat(answer.json().path("detail").asText()).contains("size");
        }
    }

    @Nested
    class OrderTimeline {

        @Test
        void shows_allocation_deallocation_and_reallocation_across_products() {
            String chairs = unique("chair"), lamps = unique("lamp"), order = unique("order");
            String first = unique("batch"), second = unique("batch"), lampBatch = unique("batch");
            api.addBatch(first, chairs, 5, null);
            api.addBatch(second, chairs, 5, "2030-01-01");
            api.addBatch(lampBatch, lamps, 1, null);
            api.allocate(order, chairs, 5);
            api.allocate(order, lamps, 2);
            api.changeBatchQuantity(first, 0);

            JsonNode timeline = api.get("/allocations/" + order + "/history").json();

            assertThat(timeline.findValuesAsText("what"))
                    .containsExactly("allocated", "out_of_stock", "deallocated", "reallocated");
            List<String> batches = new ArrayList<>();
            timeline.forEach(step -> batches.add(step.path("batchref").isNull() ? null : step.path("batchref").asText()));
            assertThat(batches).containsExactly(first, null, first, second);
            assertThat(timeline.get(1).path("sku").asText()).isEqualTo(lamps);
            assertThat(timeline.findValuesAsText("user")).containsOnly(TestUsers.TESTER);
            assertThat(timeline.get(2).path("correlationId").asText())
                    .isEqualTo(timeline.get(3).path("correlationId").asText())
                    .isNotEqualTo(timeline.get(0).path("correlationId").asText());
            List<Long> positions = new ArrayList<>();
            timeline.forEach(step -> positions.add(step.path("position").asLong()));
            assertThat(positions).isSorted();
        }

        @Test
        void of_an_unknown_order_is_a_404() {
            assertThat(api.get("/allocations/" + unique("order") + "/history").status()).isEqualTo(404);
        }
    }

    @Nested
    class StateAsOf {

        @Test
        void shows_the_product_as_it_stood_before_a_later_change() throws Exception {
            String sku = unique("sku"), ref = unique("batch");
            api.addBatch(ref, sku, 10, null);
            api.allocate(unique("order"), sku, 3);
            Instant between = Instant.now();
            Thread.sleep(5);
            api.changeBatchQuantity(ref, 50);

            JsonNode then = api.get("/products/" + sku + "?asOf=" + between).json().path("batches").get(0);
            JsonNode now = api.product(sku).json().path("batches").get(0);

            assertThat(then.path("purchased").asInt()).isEqualTo(10);
            assertThat(then.path("available").asInt()).isEqualTo(7);
            assertThat(now.path("purchased").asInt()).isEqualTo(50);
        }

        @Test
        void before_the_product_existed_is_a_404() {
            String sku = unique("sku");
            Instant before = Instant.now().minusSeconds(60);
            api.addBatch(unique("batch"), sku, 10, null);

            assertThat(api.get("/products/" + sku + "?asOf=" + before).status()).isEqualTo(404);
        }

        @Test
        void with_an_instant_that_is_not_one_is_a_400_problem() {
            var answer = api.get("/products/x?asOf=yesterday");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().path("detail").asText()).contains("ISO-8601");
        }
    }

    @Nested
    class EventFeed {

        @Test
        void read_page_by_page_from_the_start_gives_every_stored_event_once_in_order() {
            api.addBatch(unique("batch"), unique("sku"), 1, null);
            long stored = storedEvents();
            List<Long> positions = new ArrayList<>();
            Long after = null;

            while (true) {
                JsonNode page = api.get("/events?limit=7" + (after == null ? "" : "&after=" + after)).json();
                page.path("events").forEach(event -> positions.add(event.path("position").asLong()));
                if (page.path("events").isEmpty()) {
                    break;
                }
                after = page.path("next").asLong();
            }

            assertThat(positions).hasSizeGreaterThanOrEqualTo((int) stored).doesNotHaveDuplicates().isSorted();
        }

        @Test
        void resumes_after_the_position_a_consumer_stopped_at() {
            String sku = unique("sku"), order = unique("order");
            api.addBatch(unique("batch"), sku, 5, null);
            long last = api.get("/events?after=" + (storedEvents() - 1)).json().path("next").asLong();

            api.allocate(order, sku, 1);
            JsonNode page = api.get("/events?after=" + last).json();

            assertThat(page.path("events")).hasSize(1);
            assertThat(page.path("events").get(0).path("type").asText()).isEqualTo("Allocated");
            assertThat(page.path("events").get(0).path("payload").path("orderId").asText()).isEqualTo(order);
            assertThat(page.path("next").asLong()).isGreaterThan(last);
        }

        @Test
        void with_nothing_new_returns_no_events_and_the_same_position() {
            long head = api.get("/events?after=" + (storedEvents() + 1000)).json().path("next").asLong();

            assertThat(head).isEqualTo(storedEvents() + 1000);
        }

        @Test
        void with_a_limit_out_of_range_is_a_400_problem() {
            assertThat(api.get("/events?limit=0").status()).isEqualTo(400);
            assertThat(api.get("/events?limit=5000").status()).isEqualTo(400);
            assertThat(api.get("/events?after=-1").status()).isEqualTo(400);
            assertThat(api.get("/events?after=abc").status()).isEqualTo(400);
        }
    }
}
