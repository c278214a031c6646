package com.example.stock.shared;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * HTTP Basic over roles from {@link Roles}: operators send commands, readers read the read models, auditors read
 * histories, the event feed and the admin endpoints. Health (details for auditors only), the API documentation and
 * the console's static files are public: the documentation holds nothing that the README does not, and the console
 * signs in with its own form and sends the credentials on each of its requests. Every refusal is a problem detail.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    /**
     * A generated password is 144 random bits: no guessing reaches it, so its hash needs no stretching, and the
     * lowest bcrypt cost keeps start-up from spending a quarter of a second on hashes.
     */
    private static final PasswordEncoder GENERATED_PASSWORDS = new BCryptPasswordEncoder(4);

    /** The console's page and scripts (also {@code /console} itself); what they show comes from the endpoints below. */
    private static final String CONSOLE = "/console/**";
    /** The console's content comes from this service only, so a value shown on it can never load or run anything. */
    private static final String CONSOLE_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** A product as it stood at an earlier instant is the auditor's, not the reader's. */
    private static final RequestMatcher PRODUCT_AS_OF = request -> request.getParameter("asOf") != null
            && request.getRequestURI().startsWith(request.getContextPath() + "/products/");

    @Bean
    SecurityFilterChain api(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                    .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                    .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
                                     "/swagger-ui/**").permitAll()
                    .requestMatchers(HttpMethod.GET, CONSOLE).permitAll()
                    .requestMatchers(HttpMethod.POST, "/add_batch", "/allocate", "/change_batch_quantity")
                    .hasRole(Roles.OPERATOR)
                    .requestMatchers(PRODUCT_AS_OF).hasRole(Roles.AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/products/*/history", "/allocations/*/history", "/events")
                    .hasRole(Roles.AUDITOR)
                    .requestMatchers(HttpMethod.GET, "/allocations/*", "/products/*").hasRole(Roles.READER)
                    .requestMatchers("/admin/**", "/actuator/**").hasRole(Roles.AUDITOR)
                    .anyRequest().authenticated())
            .httpBasic(basic -> basic.realmName("stock").authenticationEntryPoint(
                    (request, response, e) -> {
                        // A browser answers a Basic challenge with a sign-in dialog of its own; the console has its
                        // own sign-in form, so a script's request (marked X-Requested-With) gets no challenge.
                        if (!"XMLHttpRequest".equalsIgnoreCase(request.getHeader("X-Requested-With"))) {
                            response.setHeader("WWW-Authenticate", "Basic realm=\"stock\"");
                        }
                        ProblemResponses.write(request, response, 401, "Unauthorized", "Sign in with a user name and password");
                    }))
            .exceptionHandling(errors -> errors.accessDeniedHandler(
                    (request, response, e) -> ProblemResponses.write(request, response, 403, "Forbidden",
                                                      "Your role does not allow this request")))
            .headers(headers -> headers.addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(
                    PathPatternRequestMatcher.withDefaults().matcher(CONSOLE),
                    new ContentSecurityPolicyHeaderWriter(CONSOLE_POLICY))))
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .csrf(csrf -> csrf.disable());
        return http.build();
    }

    /**
     * No observation of each security filter, sign-in and authorization decision: on every request they cost more
     * than the allocation itself, and the HTTP metrics already time each request with its status.
     */
    @Bean
    SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** A request the firewall refuses (path tricks such as {@code ..} or encoded slashes) is a plain 400. */
    @Bean
    RequestRejectedHandler requestRejected() {
        return (request, response, e) -> ProblemResponses.write(request, response, 400, "Bad Request",
                                                 "The request path is not acceptable");
    }

    /** Bcrypt once per user and password, then remembered for five minutes (see {@link RememberedCredentials}). */
    @Bean
    AuthenticationProvider rememberedCredentials(UserDetailsService users, PasswordEncoder encoder) {
        DaoAuthenticationProvider verifier = new DaoAuthenticationProvider(users);
        verifier.setPasswordEncoder(encoder);
        return new RememberedCredentials(verifier, Duration.ofMinutes(5));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    UserDetailsService users(UserProperties properties) {
        List<UserDetails> users = new ArrayList<>();
        properties.users().forEach((name, user) -> {
            String hash = user.passwordHash();
            if (hash == null || hash.isBlank()) {
                String generated = generatedPassword();
                log.warn("No password hash configured for user '{}'; for this run its password is {} "
                                 + "(configure stock.security.users.{}.password-hash to choose one)", name, generated, name);
                hash = GENERATED_PASSWORDS.encode(generated);
            } else if (!hash.startsWith("$2")) {
                throw new IllegalStateException("The password hash of user '" + name + "' is not a bcrypt hash");
            }
            users.add(User.withUsername(name).password(hash)
                          .roles(user.roles().toArray(String[]::new)).build());
        });
        if (users.isEmpty()) {
            log.warn("No users configured (stock.security.users): every request but health will be refused");
        }
        return new InMemoryUserDetailsManager(users);
    }

    private static String generatedPassword() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

}
