package com.example.stock.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param atOnce how many requests are worked on at once ({@link RequestLanes}); unset, one for each core the
 *               service's JVM sees
 */
@ConfigurationProperties("stock.requests")
record RequestLanesProperties(Integer atOnce) {
}
