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
class AdminController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    AdminController(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    @GetMapping("/admin/processors")
    List<ProcessorStatus> processors() {
        return queries.query(new ListProcessors(), ResponseTypes.multipleInstancesOf(ProcessorStatus.class)).join();
    }

    /** Starts the rebuild and answers at once; its progress is at the Location given. */
    @PostMapping("/admin/read-models/{name}/rebuild")
    ResponseEntity<RebuildStatus> rebuild(@PathVariable String name) {
        RebuildStatus started = commands.sendAndWait(new RebuildReadModel(name));
        return ResponseEntity.accepted()
                             .location(ServletUriComponentsBuilder.fromCurrentRequest().build().toUri())
                             .body(started);
    }

    @GetMapping("/admin/read-models/{name}/rebuild")
    RebuildStatus rebuildStatus(@PathVariable String name) {
        return queries.query(new FindRebuild(name), ResponseTypes.optionalInstanceOf(RebuildStatus.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No rebuild of " + name + " since the service started"));
    }

    /** Starts an audit run over the whole store and answers at once; its progress is at the Location given. */
    @PostMapping("/admin/audits")
    ResponseEntity<AuditRunStatus> startAudit() {
        AuditRunStatus started = commands.sendAndWait(new StartAuditRun());
        return ResponseEntity.accepted()
                             .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                                                                  .buildAndExpand(started.id()).toUri())
                             .body(started);
    }

    @GetMapping("/admin/audits/{id}")
    AuditRunStatus audit(@PathVariable String id) {
        return queries.query(new FindAuditRun(id), ResponseTypes.optionalInstanceOf(AuditRunStatus.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No audit run " + id + " since the service started"));
    }

    @GetMapping("/admin/audits/{id}/report")
    AuditReport auditReport(@PathVariable String id) {
        return queries.query(new FindAuditReport(id), ResponseTypes.optionalInstanceOf(AuditReport.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No finished audit run " + id));
    }

    @GetMapping(path = "/admin/audits/{id}/discrepancies.csv", produces = "text/csv")
    String auditDiscrepancies(@PathVariable String id) {
        return queries.query(new FindAuditDiscrepancies(id), ResponseTypes.optionalInstanceOf(String.class))
                      .join()
                      .orElseThrow(() -> new NotFound("No finished audit run " + id));
    }

    @GetMapping("/admin/dead-letters")
    List<ParkedEvent> deadLetters() {
        return queries.query(new ListDeadLetters(), ResponseTypes.multipleInstancesOf(ParkedEvent.class)).join();
    }

    /** Hands a group's parked events to its processor again; answers how many product sequences got through. */
    @PostMapping("/admin/dead-letters/{processingGroup}/retry")
    RetryOutcome retryDeadLetters(@PathVariable String processingGroup) {
        return commands.sendAndWait(new RetryDeadLetters(processingGroup));
    }
}
