package com.example.stock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What the console needs of the service over HTTP: its files in public, who is signed in, no browser dialog. */
class ConsoleAccessTest extends EndToEndTest {

    private static final Map<String, String> FROM_A_SCRIPT = Map.of("X-Requested-With", "XMLHttpRequest");

    @Test
    void the_console_page_and_its_scripts_are_served_without_signing_in() {
        var page = api.as(null).get("/console/", "text/html");
        var script = api.as(null).get("/console/js/app.js", "*/*");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("<title>Stock console</title>");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.contentType()).contains("javascript");
    }

    @Test
    void the_console_without_its_trailing_slash_redirects_to_it() {
        var answer = api.as(null).get("/console", "text/html");

        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.header("Location")).endsWith("/console/");
    }

    @Test
    void me_names_the_signed_in_user_and_their_roles() {
        assertThat(api.as(TestUsers.READER_ONLY).get("/me").asMap())
                .isEqualTo(Map.of("user", "reader-only", "roles", List.of("READER")));
        assertThat(api.get("/me").json().path("roles").toString()).isEqualTo("[\"AUDITOR\",\"OPERATOR\",\"READER\"]");
    }

    @Test
    void a_refused_sign_in_challenges_other_clients_but_not_the_consoles_scripts() {
        var client = api.as(TestUsers.READER_ONLY, "not-the-password").get("/me");
        var script = api.as(TestUsers.READER_ONLY, "not-the-password").get("/me", FROM_A_SCRIPT);
        var anonymousScript = api.as(null).get("/products/any", FROM_A_SCRIPT);

        assertThat(client.status()).isEqualTo(401);
        assertThat(client.header("WWW-Authenticate")).isEqualTo("Basic realm=\"stock\"");
        assertThat(script.status()).isEqualTo(401);
        assertThat(script.isProblem()).isTrue();
        assertThat(script.header("WWW-Authenticate")).isNull();
        assertThat(anonymousScript.status()).isEqualTo(401);
        assertThat(anonymousScript.header("WWW-Authenticate")).isNull();
    }
}
