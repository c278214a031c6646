package com.example.stock.audit;

import java.util.Arrays;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code java -jar stock-allocation.jar --audit}: runs one audit without serving HTTP, prints its progress and a
 * summary, and tells the outcome by exit status: 0 when clean, 1 when anything is wrong, 2 when the audit could
 * not run. The service must be stopped first: the embedded database admits one process.
 */
public final class AuditCommandLine {

    public static final String OPTION = "--audit";

    private AuditCommandLine() {
    }

    public static boolean isRequested(String[] args) {
        return Arrays.asList(args).contains(OPTION);
    }

    public static int run(Class<?> application, String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .run(args)) {
            AuditReport report = context.getBean(AuditRuns.class).runNow(line -> System.out.println("audit: " + line));
            System.out.println("audit: " + (report.clean() ? "CLEAN" : "PROBLEMS FOUND") + " - " + report.events()
                                       + " events, " + report.products() + " products, " + report.orders() + " orders");
            System.out.println("audit: hash chain " + report.hashChain());
            report.violations().forEach((check, count) -> System.out.println("audit: " + count + " x " + check));
            report.firstFindings().forEach(finding -> System.out.println("audit:   " + finding));
            System.out.println("audit: " + report.discrepancyCount() + " read-model discrepancies");
            report.discrepancies().forEach(discrepancy -> System.out.println("audit:   " + discrepancy));
            System.out.println("audit: report " + report.id() + " written under the data directory's audits/");
            return report.clean() ? 0 : 1;
        } catch (Exception e) {
            System.err.println("audit: could not run: " + e.getMessage());
            return 2;
        }
    }
}
