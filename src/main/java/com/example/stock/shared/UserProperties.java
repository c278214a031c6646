package com.example.stock.shared;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The users of the service, from configuration: name, bcrypt hash of the password, roles. Plain passwords are
 * never configured; a user configured without a hash gets a password generated for the run, logged once.
 */
@ConfigurationProperties("stock.security")
record UserProperties(@DefaultValue Map<String, User> users) {

    record User(String passwordHash, @DefaultValue List<String> roles) {
    }
}
