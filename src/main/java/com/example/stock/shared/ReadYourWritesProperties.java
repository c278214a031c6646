package com.example.stock.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param timeout how long a command's answer may wait for the read models to show its effect; past it the answer
 *                goes out anyway (the command is committed) and a warning is logged
 */
@ConfigurationProperties("stock.read-your-writes")
record ReadYourWritesProperties(@DefaultValue("5s") Duration timeout) {
}
