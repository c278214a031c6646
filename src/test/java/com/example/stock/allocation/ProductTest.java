package com.example.stock.allocation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.example.stock.allocation.Rejection.Reason;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProductTest {

    private static final String SKU = "RED-CHAIR";
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 1);
    private static final LocalDate TOMORROW = TODAY.plusDays(1);
    private static final LocalDate LATER = TODAY.plusDays(10);

    private final Map<String, String> skuOfBatch = new HashMap<>();
    private FixtureConfiguration<Product> fixture;

    @BeforeEach
    void setUp() {
        BatchDirectory directory = batchref -> Optional.ofNullable(skuOfBatch.get(batchref));
        fixture = new AggregateTestFixture<>(Product.class);
        OrderLineRecords lines = new LinesOfTheEvents(fixture::getEventStore);
        fixture.registerInjectableResource(directory);
        fixture.registerInjectableResource(lines);
        fixture.registerCommandTargetResolver(new ProductOfCommand());
        fixture.registerCommandHandlerInterceptor(new UnknownSkuTranslation());
        fixture.registerAnnotatedCommandHandler(new BatchQuantityChanges(directory, fixture.getRepository(), lines));
    }

    private static BatchCreated warehouseBatch(String ref, int qty) {
        return new BatchCreated(SKU, ref, qty, null);
    }

    private static BatchCreated shipment(String ref, int qty, LocalDate eta) {
        return new BatchCreated(SKU, ref, qty, eta);
    }

    private static Allocated allocated(String orderId, int qty, String batchref) {
        return new Allocated(orderId, SKU, qty, batchref);
    }

    private static Deallocated deallocated(String orderId, int qty, String batchref, int batchReducedTo) {
        return new Deallocated(orderId, SKU, qty, batchref, "batch " + batchref + " reduced to " + batchReducedTo);
    }

    private static AllocationOutcome outcome(String orderId, String batchref) {
        return new AllocationOutcome(orderId, SKU, batchref);
    }

    /** The directory as the real one would be after these batches were created. */
    private void knownBatches(String... refs) {
        for (String ref : refs) {
            skuOfBatch.put(ref, SKU);
        }
    }

    @Test
    void creating_a_batch_emits_batch_created() {
        fixture.givenNoPriorActivity()
               .when(new CreateBatch("b1", SKU, 20, TOMORROW))
               .expectSuccessfulHandlerExecution()
               .expectEvents(shipment("b1", 20, TOMORROW));
    }

    @Test
    void a_second_batch_is_added_to_the_existing_product() {
        fixture.given(warehouseBatch("b1", 20))
               .when(new CreateBatch("b2", SKU, 5, null))
               .expectEvents(warehouseBatch("b2", 5));
    }

    @Test
    void rejects_a_batch_reference_already_in_this_product() {
        fixture.given(warehouseBatch("b1", 20))
               .when(new CreateBatch("b1", SKU, 5, null))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.DUPLICATE_BATCH, "Batch b1 already exists"));
    }

    @Test
    void rejects_a_batch_reference_owned_by_another_product() {
        skuOfBatch.put("b1", "BLUE-TABLE");

        fixture.givenNoPriorActivity()
               .when(new CreateBatch("b1", SKU, 5, null))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.DUPLICATE_BATCH, "Batch b1 already exists"));
    }

    @Test
    void takes_over_a_reference_the_directory_holds_for_this_product_without_a_batch() {
        // left by an earlier attempt whose events did not reach Axon Server
        skuOfBatch.put("b1", SKU);

        fixture.givenNoPriorActivity()
               .when(new CreateBatch("b1", SKU, 5, null))
               .expectEvents(warehouseBatch("b1", 5));
    }

    @Test
    void rejects_a_batch_of_zero_quantity() {
        fixture.givenNoPriorActivity()
               .when(new CreateBatch("b1", SKU, 0, null))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.INVALID, "Quantity must be positive, was 0"));
    }

    @Test
    void rejects_a_batch_of_negative_quantity() {
        fixture.given(warehouseBatch("b1", 20))
               .when(new CreateBatch("b2", SKU, -3, null))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.INVALID, "Quantity must be positive, was -3"));
    }

    @Test
    void prefers_warehouse_stock_to_shipments() {
        fixture.given(shipment("shipment", 100, TOMORROW), warehouseBatch("warehouse", 100))
               .when(new Allocate("o1", SKU, 10))
               .expectEvents(allocated("o1", 10, "warehouse"));
    }

    @Test
    void prefers_the_shipment_with_the_earliest_eta() {
        fixture.given(shipment("later", 100, LATER), shipment("tomorrow", 100, TOMORROW))
               .when(new Allocate("o1", SKU, 10))
               .expectEvents(allocated("o1", 10, "tomorrow"));
    }

    @Test
    void breaks_an_eta_tie_by_the_order_batches_were_added() {
        fixture.given(shipment("zz-first", 100, TOMORROW), shipment("aa-second", 100, TOMORROW))
               .when(new Allocate("o1", SKU, 10))
               .expectEvents(allocated("o1", 10, "zz-first"));
    }

    @Test
    void breaks_a_tie_between_warehouse_batches_by_the_order_they_were_added() {
        fixture.given(warehouseBatch("zz-first", 100), warehouseBatch("aa-second", 100))
               .when(new Allocate("o1", SKU, 10))
               .expectEvents(allocated("o1", 10, "zz-first"));
    }

    @Test
    void answers_allocate_with_the_chosen_batch() {
        fixture.given(warehouseBatch("b1", 100))
               .when(new Allocate("o1", SKU, 10))
               .expectResultMessagePayload(outcome("o1", "b1"));
    }

    @Test
    void skips_a_batch_that_cannot_take_the_whole_line() {
        fixture.given(warehouseBatch("small", 5), shipment("big", 100, TOMORROW))
               .when(new Allocate("o1", SKU, 10))
               .expectEvents(allocated("o1", 10, "big"))
               .expectResultMessagePayload(outcome("o1", "big"));
    }

    @Test
    void counts_earlier_allocations_against_what_a_batch_can_take() {
        fixture.given(warehouseBatch("b1", 10), shipment("b2", 100, TOMORROW), allocated("o1", 8, "b1"))
               .when(new Allocate("o2", SKU, 3))
               .expectEvents(allocated("o2", 3, "b2"));
    }

    @Test
    void a_batch_can_take_a_line_equal_to_what_it_has_available() {
        fixture.given(warehouseBatch("b1", 10), allocated("o1", 7, "b1"))
               .when(new Allocate("o2", SKU, 3))
               .expectEvents(allocated("o2", 3, "b1"));
    }

    @Test
    void reports_out_of_stock_when_no_batch_can_take_the_line() {
        fixture.given(warehouseBatch("b1", 5), shipment("b2", 5, TOMORROW))
               .when(new Allocate("o1", SKU, 6))
               .expectEvents(new OutOfStock("o1", SKU, 6))
               .expectResultMessagePayload(outcome("o1", null));
    }

    @Test
    void rejects_allocating_zero_quantity() {
        fixture.given(warehouseBatch("b1", 5))
               .when(new Allocate("o1", SKU, 0))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.INVALID, "Quantity must be positive, was 0"));
    }

    @Test
    void allocating_the_same_line_again_with_the_same_quantity_is_idempotent() {
        fixture.given(warehouseBatch("b1", 100), allocated("o1", 10, "b1"))
               .when(new Allocate("o1", SKU, 10))
               .expectNoEvents()
               .expectResultMessagePayload(outcome("o1", "b1"));
    }

    @Test
    void allocating_the_same_line_again_returns_its_batch_even_when_a_better_one_was_added_since() {
        fixture.given(shipment("b1", 100, LATER), allocated("o1", 10, "b1"), allocated("o2", 20, "b1"),
                      warehouseBatch("b2", 100), allocated("o3", 5, "b2"))
               .when(new Allocate("o1", SKU, 10))
               .expectNoEvents()
               .expectResultMessagePayload(outcome("o1", "b1"));
    }

    @Test
    void rejects_the_same_line_with_another_quantity_as_a_conflict() {
        fixture.given(warehouseBatch("b1", 100), allocated("o1", 10, "b1"))
               .when(new Allocate("o1", SKU, 11))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.CONFLICTING_LINE,
                       "Order o1 already has 10 of RED-CHAIR allocated; allocating 11 would change the line"));
    }

    @Test
    void a_deallocated_line_can_be_allocated_again() {
        fixture.given(warehouseBatch("b1", 10), shipment("b2", 100, TOMORROW),
                      allocated("o1", 8, "b1"), new BatchQuantityChanged(SKU, "b1", 5), deallocated("o1", 8, "b1", 5))
               .when(new Allocate("o1", SKU, 8))
               .expectEvents(allocated("o1", 8, "b2"))
               .expectResultMessagePayload(outcome("o1", "b2"));
    }

    @Test
    void rejects_allocating_a_sku_that_has_no_batch() {
        fixture.givenNoPriorActivity()
               .when(new Allocate("o1", "NO-SUCH-SKU", 1))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionMessage("Invalid sku NO-SUCH-SKU")
               .expectExceptionDetails(new Rejection(Reason.UNKNOWN_SKU, "Invalid sku NO-SUCH-SKU"));
    }

    @Test
    void changing_a_batch_quantity_emits_batch_quantity_changed() {
        knownBatches("b1");
        fixture.given(warehouseBatch("b1", 20))
               .when(new ChangeBatchQuantity("b1", 30))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new BatchQuantityChanged(SKU, "b1", 30));
    }

    @Test
    void shrinking_a_batch_within_its_free_stock_deallocates_nothing() {
        knownBatches("b1");
        fixture.given(warehouseBatch("b1", 20), allocated("o1", 10, "b1"))
               .when(new ChangeBatchQuantity("b1", 10))
               .expectEvents(new BatchQuantityChanged(SKU, "b1", 10));
    }

    @Test
    void shrinking_a_batch_deallocates_the_most_recent_lines_first_and_only_as_many_as_needed() {
        knownBatches("b1");
        fixture.given(warehouseBatch("b1", 20),
                      allocated("o1", 5, "b1"), allocated("o2", 5, "b1"), allocated("o3", 4, "b1"),
                      allocated("o4", 3, "b1"))
               .when(new ChangeBatchQuantity("b1", 10))
               .expectEvents(new BatchQuantityChanged(SKU, "b1", 10),
                             deallocated("o4", 3, "b1", 10),
                             deallocated("o3", 4, "b1", 10));
    }

    @Test
    void a_reallocated_line_counts_as_the_most_recent_allocation_of_its_batch() {
        knownBatches("b1", "b2");
        fixture.given(warehouseBatch("b1", 20), shipment("b2", 20, TOMORROW),
                      allocated("o1", 5, "b1"), allocated("o2", 5, "b2"), allocated("o3", 5, "b1"),
                      new BatchQuantityChanged(SKU, "b2", 0), deallocated("o2", 5, "b2", 0), allocated("o2", 5, "b1"))
               .when(new ChangeBatchQuantity("b1", 14))
               .expectEvents(new BatchQuantityChanged(SKU, "b1", 14), deallocated("o2", 5, "b1", 14));
    }

    @Test
    void setting_a_batch_quantity_to_zero_deallocates_all_its_lines() {
        knownBatches("b1", "b2");
        fixture.given(warehouseBatch("b1", 20), warehouseBatch("b2", 20),
                      allocated("o1", 5, "b1"), allocated("o2", 5, "b1"), allocated("o3", 5, "b2"))
               .when(new ChangeBatchQuantity("b1", 0))
               .expectEvents(new BatchQuantityChanged(SKU, "b1", 0),
                             deallocated("o2", 5, "b1", 0),
                             deallocated("o1", 5, "b1", 0));
    }

    @Test
    void setting_a_batch_to_the_quantity_it_already_has_emits_nothing() {
        knownBatches("b1");
        fixture.given(warehouseBatch("b1", 20), allocated("o1", 5, "b1"))
               .when(new ChangeBatchQuantity("b1", 20))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void rejects_changing_the_quantity_of_an_unknown_batch() {
        fixture.given(warehouseBatch("b1", 20))
               .when(new ChangeBatchQuantity("nope", 5))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.UNKNOWN_BATCH, "Unknown batch nope"));
    }

    @Test
    void a_batch_the_directory_holds_for_a_product_without_events_is_unknown() {
        // left by a first batch of the product whose events did not reach Axon Server
        skuOfBatch.put("b1", SKU);

        fixture.givenNoPriorActivity()
               .when(new ChangeBatchQuantity("b1", 5))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.UNKNOWN_BATCH, "Unknown batch b1"));
    }

    @Test
    void rejects_a_negative_batch_quantity() {
        knownBatches("b1");
        fixture.given(warehouseBatch("b1", 20))
               .when(new ChangeBatchQuantity("b1", -1))
               .expectNoEvents()
               .expectException(CommandExecutionException.class)
               .expectExceptionDetails(new Rejection(Reason.INVALID, "Quantity must not be negative, was -1"));
    }
}
