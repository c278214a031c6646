package com.example.stock.allocations;

import static com.example.stock.allocations.AllocationsProjection.PROCESSING_GROUP;
import static com.example.stock.allocations.AllocationsProjection.TABLE;

import com.example.stock.shared.ReadModel;
import com.example.stock.shared.ReadModelGenerations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The live projection on the active generation of its table, and the read model a rebuild can fill anew. */
@Configuration(proxyBeanMethods = false)
class AllocationsViewConfiguration {

    @Bean
    AllocationsProjection allocationsProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        return new AllocationsProjection(jdbc, generations.activeTable(PROCESSING_GROUP, TABLE));
    }

    @Bean
    ReadModel allocationsReadModel(JdbcClient jdbc) {
        return ReadModel.of(PROCESSING_GROUP, TABLE, table -> new AllocationsProjection(jdbc, table));
    }
}
