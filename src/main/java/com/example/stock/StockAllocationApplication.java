package com.example.stock;

import com.example.stock.audit.AuditCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StockAllocationApplication {

    public static void main(String[] args) {
        if (AuditCommandLine.isRequested(args)) {
            System.exit(AuditCommandLine.run(StockAllocationApplication.class, args));
        }
        SpringApplication.run(StockAllocationApplication.class, args);
    }
}
