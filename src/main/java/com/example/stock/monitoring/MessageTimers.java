package com.example.stock.monitoring;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon times every command, event and query with percentiles computed in the service (an HdrHistogram per timer,
 * updated on each message), which costs more per allocation than the metric is worth. The timers keep their count,
 * sum and maximum; Prometheus derives rates and means from those.
 */
@Configuration(proxyBeanMethods = false)
class MessageTimers {

    private static final DistributionStatisticConfig NO_PERCENTILES =
            DistributionStatisticConfig.builder().percentiles().build();

    @Bean
    MeterFilter messageTimersWithoutPercentiles() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getType() == Meter.Type.TIMER && config.isPublishingPercentiles()
                        ? NO_PERCENTILES.merge(config)
                        : config;
            }
        };
    }
}
