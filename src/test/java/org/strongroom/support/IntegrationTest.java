package org.strongroom.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The real server on a random HTTPS port, with the test instance's key and certificate and a
 * fresh in-memory H2 database per Spring context. Use {@link ApiClient} to talk to it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(TestInstanceExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "strongroom.instance=" + TestInstance.FOLDER,
    "strongroom.database.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1"})
@Import(TestSupportConfiguration.class)
public @interface IntegrationTest {}
