package com.example.stock.web;

import java.io.IOException;

import com.example.stock.shared.RequestLanes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Writes a large answer (a page of the event feed, a long history) to the client outside the request's lane
 * ({@link RequestLanes}): a client that takes it slowly holds no lane. An answer is kept whole until the request's
 * work is done; a small one goes out at once, as the socket takes it without waiting.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class LargeAnswers extends OncePerRequestFilter {

    /** The least a socket's send buffer holds on Linux, so an answer this size never waits for the client. */
    static final int SMALL = 16 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, answer);
        if (answer.getContentSize() <= SMALL) {
            answer.copyBodyToResponse();
        } else {
            RequestLanes.outsideLane(() -> {
                answer.copyBodyToResponse();
                response.flushBuffer();
                return null;
            });
        }
    }
}
