package com.example.stock.web;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the credentials belong to and what they may do. The console checks a sign-in with it and shows only the
 * controls the roles allow; any signed-in user may ask.
 */
@RestController
@Tag(name = ApiDocumentation.SIGN_IN)
class SignedInController {

    private static final String ROLE_PREFIX = "ROLE_";

    @GetMapping("/me")
    @Operation(summary = "The signed-in user's name and roles")
    @AnswerExample(ApiExamples.SIGNED_IN)
    SignedInUser me(Authentication authentication) {
        List<String> roles = authentication.getAuthorities().stream()
                                           .map(GrantedAuthority::getAuthority)
                                           .filter(authority -> authority.startsWith(ROLE_PREFIX))
                                           .map(authority -> authority.substring(ROLE_PREFIX.length()))
                                           .sorted()
                                           .toList();
        return new SignedInUser(authentication.getName(), roles);
    }

    record SignedInUser(String user, List<String> roles) {
    }
}
