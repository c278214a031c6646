package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.stock.allocation.Allocated;
import com.example.stock.allocation.BatchCreated;
import com.example.stock.allocation.Deallocated;
import com.example.stock.allocation.OutOfStock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;

/** Every endpoint's happy and unhappy paths, on the started app. */
class AllocationApiTest extends EndToEndTest {

    @Test
    void answers_are_written_as_json_without_asking_an_xml_converter(@Autowired RequestMappingHandlerAdapter mvc) {
        assertThat(mvc.getMessageConverters())
                .isNotEmpty()
                .noneMatch(Jaxb2RootElementHttpMessageConverter.class::isInstance)
                .anyMatch(converter -> converter.getSupportedMediaTypes().stream()
                        .anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)));
    }

    @Nested
    class AddBatch {

        @Test
        void a_new_batch_is_created_and_shows_in_the_product() {
            String sku = unique("sku"), ref = unique("batch");

            assertThat(api.addBatch(ref, sku, 100, "2026-01-31").status()).isEqualTo(201);

            var batch = api.product(sku).json().path("batches").get(0);
            assertThat(batch.path("ref").asText()).isEqualTo(ref);
            assertThat(batch.path("eta").asText()).isEqualTo("2026-01-31");
            assertThat(batch.path("purchased").asInt()).isEqualTo(100);
            assertThat(batch.path("available").asInt()).isEqualTo(100);
        }

        @Test
        void a_reference_that_exists_is_rejected_with_409_and_changes_nothing() {
            String sku = unique("sku"), otherSku = unique("sku"), ref = unique("batch");
            api.addBatch(ref, sku, 10, null);

            var sameProduct = api.addBatch(ref, sku, 99, null);
            var otherProduct = api.addBatch(ref, otherSku, 99, null);

            assertThat(sameProduct.status()).isEqualTo(409);
            assertThat(sameProduct.isProblem()).isTrue();
            assertThat(otherProduct.status()).isEqualTo(409);
            assertThat(storedEvents(sku, BatchCreated.class)).isEqualTo(1);
            assertThat(storedEvents(otherSku, BatchCreated.class)).isZero();
            assertThat(api.product(otherSku).status()).isEqualTo(404);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":0,\"eta\":null}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":-5,\"eta\":null}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"eta\":null}",
                "{\"sku\":\"s\",\"qty\":5}",
                "{\"ref\":\"b\",\"qty\":5}",
                "{\"ref\":\"\",\"sku\":\"s\",\"qty\":5}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":\"five\"}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":2.5}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":99999999999}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":5,\"eta\":\"2026-13-45\"}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":5,\"eta\":\"tomorrow\"}",
                "{\"ref\":\"../b\",\"sku\":\"s\",\"qty\":5}",
                "{\"ref\":[\"b\"],\"sku\":\"s\",\"qty\":5}",
                "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":5",
                "[]",
                "",
                "not json"})
        void a_malformed_batch_is_a_400_problem_and_stores_nothing(String body) {
            long before = storedEvents();

            var answer = api.post("/add_batch", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            assertThat(answer.json().path("detail").asText()).isNotBlank();
            assertThat(storedEvents()).isEqualTo(before);
        }

        @Test
        void a_validation_problem_names_each_field_at_fault() {
            var answer = api.post("/add_batch", "{\"ref\":\"b\",\"qty\":0}");

            assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactlyInAnyOrder("sku", "qty");
        }

        @Test
        void a_value_of_the_wrong_type_is_named_as_its_field_at_fault() {
            var answer = api.post("/add_batch", "{\"ref\":\"b\",\"sku\":\"s\",\"qty\":2.5}");

            assertThat(answer.json().path("errors").findValuesAsText("field")).containsExactly("qty");
            assertThat(answer.json().path("detail").asText()).startsWith("Field 'qty'");
        }

        @Test
        void a_body_that_is_not_json_is_a_415() {
            var answer = api.post("/add_batch", "ref=b&sku=s&qty=5", "application/x-www-form-urlencoded");

            assertThat(answer.status()).isEqualTo(415);
            assertThat(answer.isProblem()).isTrue();
        }
    }

    @Nested
    class Allocate {

        @Test
        void a_line_goes_to_the_earliest_batch_and_is_readable_at_once() {
            String sku = unique("sku"), early = unique("batch"), later = unique("batch"), order = unique("order");
            api.addBatch(later, sku, 100, "2011-01-02");
            api.addBatch(early, sku, 100, "2011-01-01");

            var answer = api.allocate(order, sku, 3);

            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.json().path("batchref").asText()).isEqualTo(early);
            assertThat(answer.json().path("status").asText()).isEqualTo("allocated");
            assertThat(api.allocations(order).json().toString())
                    .isEqualTo("[{\"sku\":\"" + sku + "\",\"batchref\":\"" + early + "\"}]");
        }

        @Test
        void an_unknown_sku_is_a_400_with_the_seed_message_and_the_order_has_no_allocation() {
            String sku = unique("sku"), order = unique("order");

            var answer = api.allocate(order, sku, 20);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.asMap()).containsExactly(java.util.Map.entry("message", "Invalid sku " + sku));
            assertThat(api.allocations(order).status()).isEqualTo(404);
            assertThat(storedEvents(sku, Allocated.class)).isZero();
        }

        @Test
        void a_line_no_batch_can_take_is_out_of_stock_and_has_no_allocation() {
            String sku = unique("sku"), order = unique("order");
            api.addBatch(unique("batch"), sku, 5, null);

            var answer = api.allocate(order, sku, 6);

            assertThat(answer.status()).isEqualTo(202);
            assertThat(answer.json().path("status").asText()).isEqualTo("out_of_stock");
            assertThat(answer.json().has("batchref")).isFalse();
            assertThat(api.allocations(order).status()).isEqualTo(404);
            assertThat(storedEvents(sku, OutOfStock.class)).isEqualTo(1);
        }

        @Test
        void allocating_the_same_line_again_answers_the_same_batch_and_stores_nothing_new() {
            String sku = unique("sku"), ref = unique("batch"), order = unique("order");
            api.addBatch(ref, sku, 10, null);
            api.allocate(order, sku, 4);

            var again = api.allocate(order, sku, 4);

            assertThat(again.status()).isEqualTo(202);
            assertThat(again.json().path("batchref").asText()).isEqualTo(ref);
            assertThat(storedEvents(sku, Allocated.class)).isEqualTo(1);
            assertThat(api.product(sku).json().path("batches").get(0).path("available").asInt()).isEqualTo(6);
        }

        @Test
        void allocating_the_same_line_with_another_quantity_is_a_409_and_changes_nothing() {
            String sku = unique("sku"), order = unique("order");
            api.addBatch(unique("batch"), sku, 10, null);
            api.allocate(order, sku, 4);

            var answer = api.allocate(order, sku, 5);

            assertThat(answer.status()).isEqualTo(409);
            assertThat(answer.isProblem()).isTrue();
            assertThat(storedEvents(sku, Allocated.class)).isEqualTo(1);
            assertThat(api.product(sku).json().path("batches").get(0).path("allocated").asInt()).isEqualTo(4);
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"orderid\":\"o\",\"sku\":\"s\",\"qty\":0}",
                "{\"orderid\":\"o\",\"sku\":\"s\",\"qty\":-1}",
                "{\"orderid\":\"o\",\"sku\":\"s\"}",
                "{\"sku\":\"s\",\"qty\":1}",
                "{\"orderid\":\"o\",\"qty\":1}",
                "{\"orderid\":\"o\",\"sku\":\"s\",\"qty\":\"1\"}",
                "{\"orderid\":\"o\",\"sku\":\"s\",\"qty\":true}",
                "{\"orderid\":42,\"sku\":\"s\",\"qty\":1}",
                "{\"orderid\":\"o\\u0000\",\"sku\":\"s\",\"qty\":1}",
                "{\"orderid\":\"o\",\"sku\":\"s\",\"qty\":1}}",
                "null"})
        void a_malformed_allocation_is_a_400_problem_and_stores_nothing(String body) {
            long before = storedEvents();

            var answer = api.post("/allocate", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            assertThat(storedEvents()).isEqualTo(before);
        }
    }

    @Nested
    class ChangeBatchQuantity {

        @Test
        void shrinking_a_batch_moves_its_line_to_another_batch() {
            String sku = unique("sku"), first = unique("batch"), second = unique("batch"), order = unique("order");
            api.addBatch(first, sku, 10, "2011-01-01");
            api.addBatch(second, sku, 10, "2011-01-02");
            api.allocate(order, sku, 10);

            var answer = api.changeBatchQuantity(first, 5);

            assertThat(answer.status()).isEqualTo(202);
            assertThat(api.allocations(order).json().get(0).path("batchref").asText()).isEqualTo(second);
            var batches = api.product(sku).json().path("batches");
            assertThat(batches.get(0).path("purchased").asInt()).isEqualTo(5);
            assertThat(batches.get(0).path("allocated").asInt()).isZero();
            assertThat(batches.get(1).path("allocated").asInt()).isEqualTo(10);
            assertThat(storedEvents(sku, Deallocated.class)).isEqualTo(1);
        }

        @Test
        void a_batch_lost_entirely_leaves_its_line_out_of_stock_when_no_other_batch_can_take_it() {
            String sku = unique("sku"), ref = unique("batch"), order = unique("order");
            api.addBatch(ref, sku, 10, null);
            api.allocate(order, sku, 8);

            assertThat(api.changeBatchQuantity(ref, 0).status()).isEqualTo(202);

            assertThat(api.allocations(order).status()).isEqualTo(404);
            assertThat(storedEvents(sku, OutOfStock.class)).isEqualTo(1);
            assertThat(api.product(sku).json().path("batches").get(0).path("available").asInt()).isZero();
        }

        @Test
        void an_unknown_batch_is_a_404_problem() {
            var answer = api.changeBatchQuantity(unique("batch"), 5);

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"batchref\":\"b\",\"qty\":-1}",
                "{\"batchref\":\"b\"}",
                "{\"qty\":3}",
                "{\"batchref\":\"b\",\"qty\":\"x\"}",
                "{\"batchref\":\"b\",\"qty\":1e3}",
                "{]"})
        void a_malformed_change_is_a_400_problem_and_stores_nothing(String body) {
            long before = storedEvents();

            var answer = api.post("/change_batch_quantity", body);

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.isProblem()).as(answer.toString()).isTrue();
            assertThat(storedEvents()).isEqualTo(before);
        }
    }

    @Nested
    class Reads {

        @Test
        void an_order_with_lines_of_two_products_lists_both() {
            String chairs = unique("chair"), lamps = unique("lamp"), order = unique("order");
            String chairBatch = unique("batch"), lampBatch = unique("batch");
            api.addBatch(chairBatch, chairs, 10, null);
            api.addBatch(lampBatch, lamps, 10, null);
            api.allocate(order, chairs, 1);
            api.allocate(order, lamps, 2);

            var answer = api.allocations(order);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.json().findValuesAsText("batchref")).containsExactlyInAnyOrder(chairBatch, lampBatch);
        }

        @Test
        void an_unknown_order_is_a_404_problem() {
            var answer = api.allocations(unique("order"));

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
        }

        @Test
        void a_product_lists_warehouse_stock_first_then_by_eta() {
            String sku = unique("sku"), late = unique("late"), warehouse = unique("warehouse"), soon = unique("soon");
            api.addBatch(late, sku, 1, "2030-05-01");
            api.addBatch(warehouse, sku, 1, null);
            api.addBatch(soon, sku, 1, "2030-01-01");

            var answer = api.product(sku);

            assertThat(answer.json().path("batches").findValuesAsText("ref")).containsExactly(warehouse, soon, late);
        }

        @Test
        void an_unknown_product_is_a_404_problem() {
            var answer = api.product(unique("sku"));

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
        }

        @Test
        void an_unknown_path_is_a_404_problem() {
            var answer = api.get("/no/such/thing");

            assertThat(answer.status()).isEqualTo(404);
            assertThat(answer.isProblem()).isTrue();
        }

        @Test
        void a_wrong_method_is_a_405_problem() {
            var answer = api.get("/allocate");

            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.isProblem()).isTrue();
        }
    }
}
