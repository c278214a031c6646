package com.example.stock.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param batchSize events a tracking processor handles in one transaction */
@ConfigurationProperties("stock.processors")
record ProcessorProperties(@DefaultValue("100") int batchSize) {
}
