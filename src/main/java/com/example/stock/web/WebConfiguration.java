package com.example.stock.web;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.http.converter.xml.Jaxb2RootElementHttpMessageConverter;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Filter order: the request's correlation id first, so every answer carries it, then the body limit, then sign-in
 * (Spring Security), then idempotency keys, which need the user.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class WebConfiguration implements WebMvcConfigurer {

    private static final int AFTER_SECURITY = -100 + 10;

    @Bean
    FilterRegistrationBean<IdempotentCommands> idempotentCommandsAfterSignIn(IdempotentCommands filter) {
        FilterRegistrationBean<IdempotentCommands> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(AFTER_SECURITY);
        return registration;
    }

    /**
     * The API speaks JSON. The JAXB converter is registered only because the API documentation's library brings JAXB
     * along; it can write none of the API's records, yet it looked for their {@code @XmlRootElement} at every answer.
     */
    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder converters) {
        converters.configureMessageConvertersList(
                list -> list.removeIf(Jaxb2RootElementHttpMessageConverter.class::isInstance));
    }
}
