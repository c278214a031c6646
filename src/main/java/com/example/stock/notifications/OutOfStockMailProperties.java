package com.example.stock.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param to      who is told (the buyers)
 * @param from    the sender address
 * @param subject the subject; {@code {sku}} stands for the SKU
 */
@ConfigurationProperties("stock.notifications.out-of-stock")
record OutOfStockMailProperties(@DefaultValue("stock@made.com") String to,
                                @DefaultValue("allocations@example.com") String from,
                                @DefaultValue("Out of stock for {sku}") String subject) {

    String subjectFor(String sku) {
        return subject.replace("{sku}", sku);
    }
}
