package com.example.stock;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StockAllocationApplication {

    public static void main(String[] args) {
        SpringApplication.run(StockAllocationApplication.class, args);
    }
}
