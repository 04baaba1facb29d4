package org.odoobuild.spring;

import org.odoobuild.client.OdooClient;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * When an application needs an {@link OdooClient} and none was configured, says which properties
 * configure it (instead of "consider defining a bean").
 */
public class OdooClientMissingFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException>
    implements Ordered {

  /** For Spring. */
  public OdooClientMissingFailureAnalyzer() {}

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
    Class<?> type = cause.getBeanType();
    if (type == null || !OdooClient.class.isAssignableFrom(type)) {
      return null;
    }
    return new FailureAnalysis("The application needs an OdooClient, and none is configured: odoo.url is not set.",
        "Set odoo.url, odoo.database and odoo.api-key (on Odoo 17 also odoo.login; without an API key odoo.login "
            + "and odoo.password), e.g. as the environment variables ODOO_URL, ODOO_DATABASE and ODOO_API_KEY; "
            + "or define an OdooClient bean.", cause);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
