package org.strongroom.plugins;

import java.util.Map;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.core.AuditEvent;

/**
 * Tells plugins about record and file changes once they are committed: a listener that throws
 * cannot roll back or lose the user's write. Its failure is logged and audited
 * ({@code plugin.listener.failure}), in a transaction of its own.
 */
@Component
class PluginEventDispatcher {

  private static final Logger log = LoggerFactory.getLogger(PluginEventDispatcher.class);

  private final Plugins plugins;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate separately;

  PluginEventDispatcher(Plugins plugins, ApplicationEventPublisher events, PlatformTransactionManager transactions) {
    this.plugins = plugins;
    this.events = events;
    this.separately = new TransactionTemplate(transactions);
    this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
  void on(AuditEvent event) {
    boolean ofInterest = event.action().startsWith("record.") || event.action().startsWith("file.");
    if (!ofInterest || event.target() == null || !"success".equals(event.outcome()) || plugins.loaded().isEmpty()) {
      return;
    }
    String recordId = event.target().startsWith("record:") ? event.target().substring("record:".length()) : null;
    if (event.action().startsWith("record.")) {
      RecordEvent change = new RecordEvent(event.action(), recordId, event.actorUserId(), event.details());
      each(event, plugin -> plugin.onRecordEvent(change));
    } else if (event.action().startsWith("file.")) {
      FileEvent change = new FileEvent(event.action(), recordId, event.actorUserId(), event.details());
      each(event, plugin -> plugin.onFileEvent(change));
    }
  }

  private void each(AuditEvent event, Consumer<StrongroomPlugin> call) {
    for (LoadedPlugin plugin : plugins.loaded()) {
      try {
        call.accept(plugin.plugin());
      } catch (RuntimeException | LinkageError failure) {
        String reason = PluginJars.oneLine(failure);
        log.warn("Plugin {} failed on {} of {}; the change itself is kept: {}", plugin.name(), event.action(),
            event.target(), reason, failure);
        separately.executeWithoutResult(status -> events.publishEvent(new AuditEvent("plugin.listener.failure",
            null, null, "plugin:" + plugin.name(), "failure",
            Map.of("event", event.action(), "target", event.target(), "reason", reason))));
      }
    }
  }
}
