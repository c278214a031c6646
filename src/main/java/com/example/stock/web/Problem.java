package com.example.stock.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error answer of an endpoint, for the API documentation ({@link ApiDocumentation}): a problem detail with this
 * status and title, and an example of its detail as the service writes it. The answers every endpoint shares (sign-in,
 * roles, and on commands the body limit and idempotency keys) are documented without it.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(Problem.List.class)
@interface Problem {

    int status();

    String title();

    String detail();

    @Documented
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface List {

        Problem[] value();
    }
}
