package dev.tocsin.spring.failing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** An application whose bean fails while the context starts. */
@SpringBootApplication
public class FailingApplication {
    @Bean
    Object paymentGateway() {
        throw new IllegalStateException("payment gateway URL is not configured");
    }
}
