package com.example.stock.products;

import static com.example.stock.products.ProductProjection.PROCESSING_GROUP;
import static com.example.stock.products.ProductProjection.TABLE;

import com.example.stock.shared.ReadModel;
import com.example.stock.shared.ReadModelGenerations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The live projection on the active generation of its table, and the read model a rebuild can fill anew. */
@Configuration(proxyBeanMethods = false)
class ProductViewConfiguration {

    @Bean
    ProductProjection productProjection(JdbcClient jdbc, ReadModelGenerations generations) {
        return new ProductProjection(jdbc, generations.activeTable(PROCESSING_GROUP, TABLE));
    }

    @Bean
    ReadModel productReadModel(JdbcClient jdbc) {
        return ReadModel.of(PROCESSING_GROUP, TABLE, table -> new ProductProjection(jdbc, table));
    }
}
