package com.example.stock.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An example of an endpoint's successful answer, for the API documentation ({@link ApiDocumentation}): JSON (or, for
 * an endpoint that produces something else, the text as it is sent), from {@link ApiExamples}.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface AnswerExample {

    String value();
}
