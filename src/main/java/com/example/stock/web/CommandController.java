package com.example.stock.web;

import com.example.stock.allocation.AllocationOutcome;
import com.example.stock.shared.ReadYourWrites;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The seed system's three command endpoints, same paths, bodies and status codes. */
@RestController
class CommandController {

    private final ReadYourWrites commands;

    CommandController(ReadYourWrites commands) {
        this.commands = commands;
    }

    @PostMapping("/add_batch")
    @ResponseStatus(HttpStatus.CREATED)
    void addBatch(@Valid @RequestBody AddBatchRequest request) {
        commands.send(request.toCommand());
    }

    @PostMapping("/allocate")
    @ResponseStatus(HttpStatus.ACCEPTED)
    AllocateResponse allocate(@Valid @RequestBody AllocateRequest request) {
        AllocationOutcome outcome = commands.send(request.toCommand());
        return AllocateResponse.of(outcome);
    }

    @PostMapping("/change_batch_quantity")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void changeBatchQuantity(@Valid @RequestBody ChangeBatchQuantityRequest request) {
        commands.send(request.toCommand());
    }
}
