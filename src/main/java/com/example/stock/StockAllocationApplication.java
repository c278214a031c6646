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
        if (PasswordHashCommandLine.isRequested(args)) {
            System.exit(PasswordHashCommandLine.run(System.out));
        }
        if (AuditCommandLine.isRequested(args)) {
            System.exit(AuditCommandLine.run(StockAllocationApplication.class, args));
        }
        SpringApplication.run(StockAllocationApplication.class, args);
    }
}
