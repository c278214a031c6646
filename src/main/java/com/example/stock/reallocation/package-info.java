/**
 * The reallocation policy: every line taken off a shrunken batch is allocated again through the normal
 * {@code Allocate} command. Nothing here is public.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reallocation")
package com.example.stock.reallocation;
