package com.example.stock.web;

import com.example.stock.allocation.AllocationOutcome;
import com.example.stock.shared.ReadYourWrites;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed system's three command endpoints, same paths, bodies and status codes. */
@RestController
@Tag(name = ApiDocumentation.COMMANDS)
class CommandController {

    private final ReadYourWrites commands;

    CommandController(ReadYourWrites commands) {
        this.commands = commands;
    }

    @PostMapping("/add_batch")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a batch of a SKU: warehouse stock (eta null) or a shipment arriving at eta")
    @Problem(status = 409, title = "Batch already exists", detail = "Batch batch-001 already exists")
    void addBatch(@Valid @RequestBody AddBatchRequest request) {
        commands.send(request.toCommand());
    }

    @PostMapping("/allocate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Allocate an order line to a batch: warehouse stock first, then the earliest shipment",
               description = "When no batch can take the line the answer is still 202, with status out_of_stock, "
                       + "and the buyers are mailed. Allocating the same line again with the same quantity changes "
                       + "nothing and gives the same answer.")
    @AnswerExample(ApiExamples.ALLOCATED)
    @ApiResponse(responseCode = "400", description = "Invalid sku (the seed system's answer, not a problem detail)",
                 content = @Content(mediaType = "application/json", schema = @Schema(implementation = SeedMessage.class),
                                    examples = @ExampleObject(name = "Invalid sku", value = "{\"message\": \"Invalid sku NOPE\"}")))
    @Problem(status = 409, title = "Order line already allocated",
             detail = "Order order-1 already has 8 of SMALL-TABLE allocated; allocating 5 would change the line")
    AllocateResponse allocate(@Valid @RequestBody AllocateRequest request) {
        AllocationOutcome outcome = commands.send(request.toCommand());
        return AllocateResponse.of(outcome);
    }

    @PostMapping("/change_batch_quantity")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Set a batch's purchased quantity (0: the batch was lost)",
               description = "Lines the batch can no longer hold, the most recently allocated first, are "
                       + "deallocated and allocated again, to another batch or out of stock.")
    @Problem(status = 404, title = "Unknown batch", detail = "Unknown batch batch-404")
    void changeBatchQuantity(@Valid @RequestBody ChangeBatchQuantityRequest request) {
        commands.send(request.toCommand());
    }
}
