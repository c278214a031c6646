package com.example.stock.web;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import com.example.stock.shared.ProblemResponses;
import com.example.stock.shared.RequestLanes;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads each request's body whole before anything else does, refusing bodies over the configured size: at once when
 * the request declares its length, and as soon as the limit is passed when it does not (chunked). Read whole, the
 * body can be read again (the idempotency keys read it for its fingerprint), and a slow client's body is waited for
 * outside the request's lane ({@link RequestLanes}), before any work starts. The API takes JSON only, so no form is
 * left for the container to parse.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class BodySizeLimit extends OncePerRequestFilter {

    private final int limit;

    BodySizeLimit(HttpLimits limits) {
        this.limit = Math.toIntExact(limits.maxBodySize().toBytes());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            refuse(request, response);
            return;
        }
        byte[] body;
        try {
            body = readWhole(request);
        } catch (IOException e) { // the client stopped sending, or went
            ProblemResponses.write(request, response, 400, "Unreadable request body",
                                   "The request body could not be read: " + e.getMessage());
            return;
        }
        if (body.length > limit) {
            refuse(request, response);
            return;
        }
        chain.doFilter(new WholeBody(request, body), response);
    }

    /**
     * The body, or its first {@code limit + 1} bytes. What has arrived is read in the request's lane; the rest, if
     * the client has not sent it all yet (or sends it in chunks), outside it.
     */
    private byte[] readWhole(HttpServletRequest request) throws IOException {
        ServletInputStream in = request.getInputStream();
        long declared = request.getContentLengthLong();
        if (declared < 0) { // sent in chunks, or no body at all
            return request.getHeader(HttpHeaders.TRANSFER_ENCODING) == null
                    ? new byte[0] : RequestLanes.outsideLane(() -> in.readNBytes(limit + 1));
        }
        byte[] body = new byte[(int) declared];
        int read = 0;
        while (read < body.length && in.available() > 0) {
            int n = in.read(body, read, body.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        if (read < body.length) {
            int arrived = read;
            read += RequestLanes.outsideLane(() -> in.readNBytes(body, arrived, body.length - arrived));
        }
        if (read < body.length) {
            throw new IOException("The request body ended before its declared length");
        }
        return body;
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response) throws IOException {
        ProblemResponses.write(request, response, 413, "Payload Too Large",
                               "The request body is larger than " + limit + " bytes");
    }

    /** The request with its body, read whole, readable as often as asked. */
    private static final class WholeBody extends HttpServletRequestWrapper {

        private final byte[] body;

        private WholeBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream bytes = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return bytes.read();
                }

                @Override
                public int read(byte[] buffer, int offset, int length) {
                    return bytes.read(buffer, offset, length);
                }

                @Override
                public boolean isFinished() {
                    return bytes.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null
                    ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }
}
