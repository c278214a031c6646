/**
 * How the service is doing, for the operator's tools: each event processor as a component of the health endpoint
 * (down when it is in error, with its position and lag) and its lag as a metric. The positions come from the audit
 * module's processor overview ({@link com.example.stock.audit.ListProcessors}), the one place they are computed.
 * Nothing here is public.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring")
package com.example.stock.monitoring;
