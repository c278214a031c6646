package com.example.stock.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * @param maxBodySize          the largest request body accepted; larger ones are answered 413
 * @param idempotencyRetention how long an {@code Idempotency-Key} and its first answer are kept
 */
@ConfigurationProperties("stock.http")
record HttpLimits(@DefaultValue("64KB") DataSize maxBodySize, @DefaultValue("24h") Duration idempotencyRetention) {
}
