/**
 * What every module needs: the event store and processor set-up, and {@link com.example.stock.shared.ReadYourWrites},
 * which lets a command's sender read its effect at once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared")
package com.example.stock.shared;
