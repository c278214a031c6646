/** Tells the buyers when an order line could not be allocated: one email per OutOfStock event. */
@org.springframework.modulith.ApplicationModule(displayName = "Notifications")
package com.example.stock.notifications;
