package com.example.stock;

import java.io.IOException;

import com.example.stock.audit.AuditCommandLine;
import com.example.stock.shared.PasswordHashCommandLine;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class StockAllocationApplication {

    public static void main(String[] args) throws IOException {
        // H2 looks every value it reads up in one array that all threads share and write, the hottest frame under
        // load; without it the service did about a twentieth more (docs/benchmarks.md). H2 reads it when first used.
        System.getProperties().putIfAbsent("h2.objectCache", "false");
        if (PasswordHashCommandLine.isRequested(args)) {
            System.exit(PasswordHashCommandLine.run(System.out));
        }
        if (AuditCommandLine.isRequested(args)) {
            System.exit(AuditCommandLine.run(StockAllocationApplication.class, args));
        }
        SpringApplication.run(StockAllocationApplication.class, args);
    }
}
