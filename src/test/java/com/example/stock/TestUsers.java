package com.example.stock;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The users the tests sign in as, with passwords made up for this test run (none is written down anywhere) and
 * cheap bcrypt hashes, so signing in does not slow the tests.
 */
public final class TestUsers {

    /** Holds every role: the default user of the tests. */
    public static final String TESTER = "tester";
    public static final String OPERATOR_ONLY = "operator-only";
    public static final String READER_ONLY = "reader-only";
    public static final String AUDITOR_ONLY = "auditor-only";

    private static final Map<String, List<String>> ROLES = Map.of(
            TESTER, List.of("OPERATOR", "READER", "AUDITOR"),
            OPERATOR_ONLY, List.of("OPERATOR"),
            READER_ONLY, List.of("READER"),
            AUDITOR_ONLY, List.of("AUDITOR"));
    private static final Map<String, String> PASSWORDS = new LinkedHashMap<>();
    private static final Map<String, String> HASHES = new LinkedHashMap<>();

    static {
        BCryptPasswordEncoder cheap = new BCryptPasswordEncoder(4);
        SecureRandom random = new SecureRandom();
        ROLES.keySet().forEach(user -> {
            byte[] bytes = new byte[12];
            random.nextBytes(bytes);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            PASSWORDS.put(user, password);
            HASHES.put(user, cheap.encode(password));
        });
    }

    private TestUsers() {
    }

    public static String passwordOf(String user) {
        return PASSWORDS.get(user);
    }

    /** The users as configuration properties, for a test's application context. */
    public static void register(DynamicPropertyRegistry registry) {
        ROLES.forEach((user, roles) -> {
            registry.add("stock.security.users." + user + ".password-hash", () -> HASHES.get(user));
            registry.add("stock.security.users." + user + ".roles", () -> String.join(",", roles));
        });
    }

    /** Command-line arguments, with the users added, for an application started by a test. */
    public static String[] withUsers(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.addAll(arguments());
        return all.toArray(String[]::new);
    }

    private static List<String> arguments() {
        List<String> arguments = new ArrayList<>();
        ROLES.forEach((user, roles) -> {
            arguments.add("--stock.security.users." + user + ".password-hash=" + HASHES.get(user));
            arguments.add("--stock.security.users." + user + ".roles=" + String.join(",", roles));
        });
        return arguments;
    }
}
