package org.odoobuild.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.odoobuild.client.OdooClient;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/** A missing client is explained with the properties that configure it. */
class OdooClientMissingFailureAnalyzerTest {
  @Test
  void aMissingClientNamesTheProperties() {
    Throwable failure = new UnsatisfiedDependencyException("app", "vendors", "odoo",
        new NoSuchBeanDefinitionException(OdooClient.class));
    FailureAnalysis a = new OdooClientMissingFailureAnalyzer().analyze(failure);
    assertThat(a.getDescription()).contains("odoo.url is not set");
    assertThat(a.getAction()).contains("odoo.url, odoo.database and odoo.api-key");
  }

  @Test
  void otherMissingBeansAreLeftToSpringBoot() {
    assertThat(new OdooClientMissingFailureAnalyzer().analyze(new NoSuchBeanDefinitionException(String.class)))
        .isNull();
  }

  @Test
  void itIsRegistered() throws Exception {
    java.util.Properties factories = new java.util.Properties();
    try (var in = OdooClientMissingFailureAnalyzer.class.getResourceAsStream("/META-INF/spring.factories")) {
      factories.load(in);
    }
    assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
        .isEqualTo(OdooClientMissingFailureAnalyzer.class.getName());
  }

  @Test
  void thePropertiesAreDescribedForIdes() throws Exception {
    String metadata;
    try (var in = OdooProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String p : java.util.List.of("odoo.url", "odoo.database", "odoo.api-key", "odoo.login", "odoo.protocol",
        "odoo.timeout", "odoo.sync.interval", "odoo.sync.store", "odoo.health.max-dead-letters")) {
      assertThat(metadata).contains("\"name\": \"" + p + "\"");
    }
    assertThat(metadata).contains("with odoo.api-key on Odoo 17");
  }
}
