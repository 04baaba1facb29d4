/**
 * Spring Boot auto-configuration of the SDK: {@link org.odoobuild.spring.OdooProperties}
 * ({@code odoo.*}), an {@code OdooClient}, a {@code SyncStore} on the application's
 * {@code DataSource}, a {@code SyncEngine} running the {@code Flow} beans, health indicators and
 * Micrometer metrics. Add the starter and set {@code odoo.url}, {@code odoo.database} and
 * {@code odoo.api-key}.
 */
package org.odoobuild.spring;
