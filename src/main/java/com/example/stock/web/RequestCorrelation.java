package com.example.stock.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import com.example.stock.shared.AuditTrail;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives each request a correlation id: the caller's {@value #HEADER} when it is a sane value, else a new UUID. It
 * is returned in the same header, written on the log lines of the request (MDC key {@value AuditTrail#CORRELATION_ID})
 * and carried into the metadata of the commands the request sends ({@link CorrelatedCommands}), and from there into
 * their events. First of all filters, so that every answer carries it, refusals by sign-in or body limit too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestCorrelation extends OncePerRequestFilter {

    static final String HEADER = "X-Correlation-Id";

    /**
     * What is taken from a caller: it ends up in logs and stored events, so nothing that could forge a log line, and
     * at most 100 characters, the width of the order timeline's correlation id column.
     */
    static final String SANE_VALUE = "[A-Za-z0-9][A-Za-z0-9._:-]{0,99}";
    private static final Pattern SANE = Pattern.compile(SANE_VALUE);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String given = request.getHeader(HEADER);
        String correlationId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        response.setHeader(HEADER, correlationId);
        MDC.put(AuditTrail.CORRELATION_ID, correlationId);
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove(AuditTrail.CORRELATION_ID);
        }
    }
}
