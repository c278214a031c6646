package com.example.stock.shared;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * {@code java -jar stock-allocation.jar --hash-password}: reads a password (from the terminal without echo, or
 * from standard input) and prints its bcrypt hash, the form in which users are configured.
 */
public final class PasswordHashCommandLine {

    public static final String OPTION = "--hash-password";

    private PasswordHashCommandLine() {
    }

    public static boolean isRequested(String[] args) {
        return Arrays.asList(args).contains(OPTION);
    }

    public static int run(PrintStream out) throws IOException {
        Console console = System.console();
        String password = console != null
                ? new String(console.readPassword("Password: "))
                : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        if (password == null || password.isEmpty()) {
            System.err.println("No password given");
            return 2;
        }
        out.println(hash(password));
        return 0;
    }

    static String hash(String password) {
        return new BCryptPasswordEncoder().encode(password);
    }
}
