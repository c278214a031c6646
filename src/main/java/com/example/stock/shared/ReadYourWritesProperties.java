package com.example.stock.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout how long a read of a read model may wait for the read models to show every command answered
 *                before it (and a command for the policies to react); past it the answer goes out anyway and a
 *                warning is logged
 */
@ConfigurationProperties("stock.read-your-writes")
record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout) {
}
