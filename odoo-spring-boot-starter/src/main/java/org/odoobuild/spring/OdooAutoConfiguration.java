package org.odoobuild.spring;

import org.odoobuild.client.CallListener;
import org.odoobuild.client.OdooClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * An {@link OdooClient} from the {@code odoo.*} properties, when {@code odoo.url} is set and the
 * application defines none. Every {@link CallListener} bean observes its calls (the Micrometer one
 * among them when a {@code MeterRegistry} exists).
 */
@AutoConfiguration(after = OdooMetricsAutoConfiguration.class)
@ConditionalOnClass(OdooClient.class)
@EnableConfigurationProperties(OdooProperties.class)
public class OdooAutoConfiguration {

  /** For Spring. */
  public OdooAutoConfiguration() {}

  /**
   * The client.
   *
   * @param p the properties
   * @param listeners call listeners
   * @return the client (closed with the context)
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "odoo", name = "url")
  public OdooClient odooClient(OdooProperties p, ObjectProvider<CallListener> listeners) {
    OdooClient.Builder b = OdooClient.builder().url(p.getUrl()).database(p.getDatabase()).protocol(p.getProtocol())
        .timeout(p.getTimeout()).connectTimeout(p.getConnectTimeout());
    if (!p.getApiKey().isEmpty()) {
      b.apiKey(p.getApiKey());
      if (!p.getLogin().isEmpty()) {
        b.login(p.getLogin());
      }
    } else if (!p.getPassword().isEmpty()) {
      b.login(p.getLogin(), p.getPassword());
    } else {
      throw new IllegalStateException("odoo.url is set but no credentials: set odoo.api-key (with odoo.login on "
          + "Odoo 17), or odoo.login and odoo.password");
    }
    java.util.List<CallListener> all = listeners.orderedStream().toList();
    if (!all.isEmpty()) {
      b.listener((model, method, protocol, duration, failure) -> {
        for (CallListener l : all) {
          l.onCall(model, method, protocol, duration, failure);
        }
      });
    }
    return b.build();
  }
}
