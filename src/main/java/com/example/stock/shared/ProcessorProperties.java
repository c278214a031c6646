package com.example.stock.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param batchSize events a tracking processor handles in one transaction
 * @param nodeId    the name under which this instance claims processors in the token store; unset, Axon's default
 *                  (process id and host name), which tells apart instances on different hosts or in different
 *                  processes. Instances sharing one database must each have their own.
 */
@ConfigurationProperties("stock.processors")
record ProcessorProperties(@DefaultValue("100") int batchSize, String nodeId) {
}
