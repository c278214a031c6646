package com.example.stock.notifications;

import com.example.stock.allocation.OutOfStock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSender;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Component;

/**
 * Mails the buyers for each OutOfStock. A mail that fails to go out is retried by the processor; with no mail
 * server configured ({@code spring.mail.host} unset) the service runs on and logs each mail it did not send.
 * A replay must not mail anyone again.
 */
@Component
@ProcessingGroup("out-of-stock-notifications")
@DisallowReplay
class OutOfStockNotifier {

    private static final Logger log = LoggerFactory.getLogger(OutOfStockNotifier.class);

    private final ObjectProvider<MailSender> mailSender;
    private final OutOfStockMailProperties mail;

    OutOfStockNotifier(ObjectProvider<MailSender> mailSender, OutOfStockMailProperties mail) {
        this.mailSender = mailSender;
        this.mail = mail;
    }

    @EventHandler
    void on(OutOfStock event) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setTo(mail.to());
        message.setFrom(mail.from());
        message.setSubject(mail.subjectFor(event.sku()));
        message.setText("Order " + event.orderId() + " asked for " + event.qty() + " of " + event.sku()
                        + " and no batch could take it.");
        MailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.warn("No mail server configured (spring.mail.host): not sent to {}: {}", mail.to(), message.getSubject());
            return;
        }
        sender.send(message);
        log.info("Sent to {}: {}", mail.to(), message.getSubject());
    }
}
