package com.example.stock.web;

import java.util.List;

import com.example.stock.audit.AuditReport;
import com.example.stock.audit.AuditRunStatus;
import com.example.stock.audit.FindAuditDiscrepancies;
import com.example.stock.audit.FindAuditReport;
import com.example.stock.audit.FindAuditRun;
import com.example.stock.audit.FindRebuild;
import com.example.stock.audit.ListDeadLetters;
import com.example.stock.audit.ListProcessors;
import com.example.stock.audit.ParkedEvent;
import com.example.stock.audit.ProcessorStatus;
import com.example.stock.audit.RebuildReadModel;
import com.example.stock.audit.RebuildStatus;
import com.example.stock.audit.RetryDeadLetters;
import com.example.stock.audit.RetryOutcome;
import com.example.stock.audit.StartAuditRun;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** Operating the service: processor positions and lag, online rebuilds of read models, audit runs, dead letters. */
@RestController
@Tag(name = ApiDocumentation.ADMINISTRATION)
class AdminController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    AdminController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/admin/processors")
    @Operation(summary = "Every event processor with its position, the head of the store, lag, state, active table "
            + "generation and rebuild progress")
    @AnswerExample(ApiExamples.PROCESSORS)
    List<ProcessorStatus> processors() {
        return queries.query(new ListProcessors(), ResponseTypes.multipleInstancesOf(ProcessorStatus.class)).join();
    }

    /** Starts the rebuild and answers at once; its progress is at the Location given. */
    @PostMapping("/admin/read-models/{name}/rebuild")
    @Operation(summary = "Start rebuilding a read model from the event store while the service runs",
               description = "Queries keep reading the active tables; the rebuilt ones take over once they have "
                       + "caught up.")
    @ApiResponse(responseCode = "202", description = "Started; its progress is at the Location given",
                 useReturnTypeSchema = true)
    @AnswerExample(ApiExamples.REBUILD_STARTED)
    @Problem(status = 404, title = "Not found",
             detail = "No read model named nope; there are [allocations-view, order-timeline-view, products-view]")
    @Problem(status = 409, title = "Already running", detail = "A rebuild of allocations-view is already running")
    ResponseEntity<RebuildStatus> rebuild(@Parameter(example = "allocations-view") @PathVariable String name) {
        RebuildStatus started = commands.sendAndWait(new RebuildReadModel(name));
        return ResponseEntity.accepted()
                             .location(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                             .body(started);
    }

    @GetMapping("/admin/read-models/{name}/rebuild")
    @Operation(summary = "The state and progress of a read model's latest rebuild")
    @AnswerExample(ApiExamples.REBUILD)
    @Problem(status = 404, title = "Not found", detail = "No rebuild of products-view since the service started")
    RebuildStatus rebuildStatus(@Parameter(example = "allocations-view") @PathVariable String name) {
        return queries.query(new FindRebuild(name), ResponseTypes.optionalInstanceOf(RebuildStatus.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No rebuild of " + name + " since the service started"));
    }

    /** Starts an audit run over the whole store and answers at once; its progress is at the Location given. */
    @PostMapping("/admin/audits")
    @Operation(summary = "Start an audit run: replay every event into a model of its own and check it",
               description = "Checks the hash chain, the domain rules and the live read models against the replay.")
    @ApiResponse(responseCode = "202", description = "Started; its progress is at the Location given",
                 useReturnTypeSchema = true)
    @AnswerExample(ApiExamples.AUDIT_STARTED)
    @Problem(status = 409, title = "Already running", detail = "An audit run is already running")
    ResponseEntity<AuditRunStatus> startAudit() {
        AuditRunStatus started = commands.sendAndWait(new StartAuditRun());
        return ResponseEntity.accepted()
                             .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                                                                  .buildAndExpand(started.id()).toUri())
                             .body(started);
    }

    @GetMapping("/admin/audits/{id}")
    @Operation(summary = "An audit run's phase and progress")
    @AnswerExample(ApiExamples.AUDIT_RUN)
    @Problem(status = 404, title = "Not found", detail = "No audit run 20261123T101500-0000 since the service started")
    AuditRunStatus audit(@Parameter(example = "20261123T101500-3f2a") @PathVariable String id) {
        return queries.query(new FindAuditRun(id), ResponseTypes.optionalInstanceOf(AuditRunStatus.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No audit run " + id + " since the service started"));
    }

    @GetMapping("/admin/audits/{id}/report")
    @Operation(summary = "A finished audit run's report")
    @AnswerExample(ApiExamples.AUDIT_REPORT)
    @Problem(status = 404, title = "Not found", detail = "No finished audit run 20261123T101500-0000")
    AuditReport auditReport(@Parameter(example = "20261123T101500-3f2a") @PathVariable String id) {
        return queries.query(new FindAuditReport(id), ResponseTypes.optionalInstanceOf(AuditReport.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No finished audit run " + id));
    }

    @GetMapping(path = "/admin/audits/{id}/discrepancies.csv", produces = "text/csv")
    @Operation(summary = "Every read-model row that differs from the replay, as CSV")
    @AnswerExample(ApiExamples.DISCREPANCIES)
    @Problem(status = 404, title = "Not found", detail = "No finished audit run 20261123T101500-0000")
    String auditDiscrepancies(@Parameter(example = "20261123T101500-3f2a") @PathVariable String id) {
        return queries.query(new FindAuditDiscrepancies(id), ResponseTypes.optionalInstanceOf(String.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No finished audit run " + id));
    }

    @GetMapping("/admin/dead-letters")
    @Operation(summary = "The events parked because a read model or the mail failed on them")
    @AnswerExample(ApiExamples.DEAD_LETTERS)
    List<ParkedEvent> deadLetters() {
        return queries.query(new ListDeadLetters(), ResponseTypes.multipleInstancesOf(ParkedEvent.class)).join();
    }

    /** Hands a group's parked events to its processor again; answers how many product sequences got through. */
    @PostMapping("/admin/dead-letters/{processingGroup}/retry")
    @Operation(summary = "Hand a processing group's parked events to its processor again")
    @AnswerExample(ApiExamples.RETRY_OUTCOME)
    @Problem(status = 404, title = "Not found", detail = "No dead-letter queue for nope")
    RetryOutcome retryDeadLetters(@Parameter(example = "products-view") @PathVariable String processingGroup) {
        return commands.sendAndWait(new RetryDeadLetters(processingGroup));
    }
}
