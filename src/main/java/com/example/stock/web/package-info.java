/**
 * The HTTP API: thin controllers that send commands through {@link com.example.stock.shared.ReadYourWrites} and
 * queries through the query gateway, and turn every failure into a clear 4xx answer. Nothing here is public.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package com.example.stock.web;
