package com.example.stock.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Filter order: the request's correlation id first, so every answer carries it, then the body limit, then sign-in
 * (Spring Security), then idempotency keys, which need the user.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration {

    private static final int AFTER_SECURITY = -100 + 10;

    @Bean
    FilterRegistrationBean<IdempotentCommands> idempotentCommandsAfterSignIn(IdempotentCommands filter) {
        FilterRegistrationBean<IdempotentCommands> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }
}
