package com.example.stock.shared;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/**
 * Checks a password against its bcrypt hash once, then remembers, for a while, that this user name and password
 * (kept only as a SHA-256 digest) were right. Bcrypt is slow on purpose; paying it on every request of an API
 * with HTTP Basic would cost more than the request itself.
 */
final class RememberedCredentials implements AuthenticationProvider {

    private static final int MAX_REMEMBERED = 10_000;

    private final AuthenticationProvider verifier;
    private final Duration memory;
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    RememberedCredentials(AuthenticationProvider verifier, Duration memory) {
        this.verifier = verifier;
        this.memory = memory;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String key = digest(authentication.getName() + '\0' + authentication.getCredentials());
        Remembered known = remembered.get(key);
        if (known != null && known.until() > System.nanoTime()) {
            return known.authentication();
        }
        Authentication verified = verifier.authenticate(authentication);
        if (verified != null) {
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(verified, System.nanoTime() + memory.toNanos()));
        }
        return verified;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                                                         .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private record Remembered(Authentication authentication, long until) {
    }
}
