package com.example.stock.web;

import java.io.IOException;

import com.example.stock.shared.RequestLanes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Writes the part of a large answer (a page of the event feed, a long history) past its first {@link #SMALL} bytes
 * outside the request's lane ({@link RequestLanes}), so a client that takes it slowly holds no lane; what comes
 * before goes out at once, as the socket takes it without waiting. Answers written as bytes are counted, as every
 * JSON, CSV and file answer is; the few written as text (a problem detail from a filter) are small.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
class LargeAnswers extends OncePerRequestFilter {

    /** What a socket's send buffer holds on Linux from the start (its default size), so it takes this much at once. */
    static final int SMALL = 16 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Counted answer = new Counted(response);
        chain.doFilter(request, answer);
        if (answer.isLarge()) { // what the container still holds goes out now, not after the request, in its lane
            sendOutsideLane(response::flushBuffer);
        }
    }

    private static void sendOutsideLane(Sending sending) throws IOException {
        RequestLanes.outsideLane(() -> {
            sending.send();
            return null;
        });
    }

    private static final class Counted extends HttpServletResponseWrapper {

        private long written;
        private ServletOutputStream stream;

        private Counted(HttpServletResponse response) {
            super(response);
        }

        boolean isLarge() {
            return written > SMALL;
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (stream == null) {
                stream = new CountedStream(super.getOutputStream());
            }
            return stream;
        }

        private final class CountedStream extends ServletOutputStream {

            private final ServletOutputStream out;

            private CountedStream(ServletOutputStream out) {
                this.out = out;
            }

            @Override
            public void write(int b) throws IOException {
                written++;
                send(() -> out.write(b));
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                written += length;
                send(() -> out.write(bytes, offset, length));
            }

            @Override
            public void flush() throws IOException {
                send(out::flush);
            }

            @Override
            public void close() throws IOException {
                send(out::close);
            }

            private void send(Sending sending) throws IOException {
                if (isLarge()) {
                    sendOutsideLane(sending);
                } else {
                    sending.send();
                }
            }

            @Override
            public boolean isReady() {
                return out.isReady();
            }

            @Override
            public void setWriteListener(WriteListener listener) {
                out.setWriteListener(listener);
            }
        }
    }

    @FunctionalInterface
    private interface Sending {
        void send() throws IOException;
    }
}
