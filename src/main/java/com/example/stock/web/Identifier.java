package com.example.stock.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * An order id, SKU or batch reference: 1 to 100 letters, digits, spaces and {@code . _ : # -}, starting with a
 * letter or digit. Ids appear in URLs and mails, so nothing that could be read as a path or markup gets in.
 */
@NotNull
@Pattern(regexp = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._:#-]{0,99}",
         message = "must be 1 to 100 letters, digits, spaces or . _ : # -, starting with a letter or digit")
@Constraint(validatedBy = {})
@Documented
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@interface Identifier {

    String message() default "is not a valid identifier";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
