package com.example.stock.web;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.example.stock.allocation.Rejection;
import com.example.stock.audit.OperationRejected;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Turns every failure into an RFC 9457 problem detail, except the seed system's {@code {"message": ...}} for an
 * invalid SKU. A failure nobody foresaw is a 500 with no internals in the body, and is logged.
 */
@RestControllerAdvice
class ProblemAnswers extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);
    private static final String UNREADABLE = "has a missing value or one of the wrong type or format";

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> rejected(CommandExecutionException e) {
        Object details = e.getDetails().orElse(null);
        if (details instanceof OperationRejected operation) {
            return switch (operation.reason()) {
                case UNKNOWN -> problem(HttpStatus.NOT_FOUND, "Not found", operation.message());
                case ALREADY_RUNNING -> problem(HttpStatus.CONFLICT, "Already running", operation.message());
            };
        }
        if (!(details instanceof Rejection rejection)) {
            return unexpected(e);
        }
        return switch (rejection.reason()) {
            case UNKNOWN_SKU -> ResponseEntity.badRequest()
                                              .contentType(MediaType.APPLICATION_JSON)
                                              .body(new SeedMessage(rejection.message()));
            case UNKNOWN_BATCH -> problem(HttpStatus.NOT_FOUND, "Unknown batch", rejection.message());
            case DUPLICATE_BATCH -> problem(HttpStatus.CONFLICT, "Batch already exists", rejection.message());
            case CONFLICTING_LINE -> problem(HttpStatus.CONFLICT, "Order line already allocated", rejection.message());
            case INVALID -> problem(HttpStatus.BAD_REQUEST, "Invalid request", rejection.message());
        };
    }

    /** Two nodes changed the same product at once; the client may simply send the command again. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrentChange(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "Concurrent change",
                       "The product was changed by another request at the same time; send the command again");
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Request failed unexpectedly", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "The request could not be completed");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors =
                e.getBindingResult().getFieldErrors().stream()
                 .map(error -> Map.of("field", error.getField(),
                                      "message", String.valueOf(error.getDefaultMessage())))
                 .toList();
        String detail = errors.stream()
                              .map(error -> error.get("field") + ": " + error.get("message"))
                              .sorted()
                              .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return answer(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        String detail = e.getParameterValidationResults().stream()
                         .flatMap(result -> result.getResolvableErrors().stream()
                                                  .map(error -> result.getMethodParameter().getParameterName() + ": "
                                                          + error.getDefaultMessage()))
                         .sorted()
                         .collect(Collectors.joining("; "));
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", detail);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String expected = e.getRequiredType() == null ? "another type" : switch (e.getRequiredType().getSimpleName()) {
            case "Instant" -> "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
            case "int", "Integer", "long", "Long" -> "a whole number";
            default -> "a " + e.getRequiredType().getSimpleName();
        };
        return problem(HttpStatus.BAD_REQUEST, "Invalid request",
                       "'" + e.getPropertyName() + "' must be " + expected + ", was '" + e.getValue() + "'");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Malformed request body");
        problem.setDetail("The request body must be a JSON object of the documented form");
        unreadableField(e).ifPresent(field -> {
            problem.setDetail("Field '" + field + "' " + UNREADABLE);
            // listed like a failed validation, so a form can show the message next to the field
            problem.setProperty("errors", List.of(Map.of("field", field, "message", UNREADABLE)));
        });
        return answer(problem);
    }

    /** The field that could not be read, named without echoing parser internals. */
    private static Optional<String> unreadableField(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            return Optional.of(jackson.getPath().stream()
                                      .map(reference -> reference.getPropertyName() != null
                                              ? reference.getPropertyName() : "[" + reference.getIndex() + "]")
                                      .collect(Collectors.joining(".")));
        }
        return Optional.empty();
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return answer(problem);
    }

    private static ResponseEntity<Object> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }
}
