package com.example.stock.audit;

import static com.example.stock.audit.OrderTimelineProjection.PROCESSING_GROUP;
import static com.example.stock.audit.OrderTimelineProjection.TABLE;

import com.example.stock.shared.ReadModel;
import com.example.stock.shared.ReadModelGenerations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The live projection on the active generation of its table, and the read model a rebuild can fill anew. */
@Configuration(proxyBeanMethods = false)
class OrderTimelineViewConfiguration {

    @Bean
    OrderTimelineProjection orderTimelineProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        return new OrderTimelineProjection(jdbc, generations.activeTable(PROCESSING_GROUP, TABLE));
    }

    @Bean
    ReadModel orderTimelineReadModel(JdbcClient jdbc) {
        return ReadModel.of(PROCESSING_GROUP, TABLE, table -> new OrderTimelineProjection(jdbc, table));
    }
}
