package org.example.recordcounter;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.strongroom.plugins.FileEvent;
import org.strongroom.plugins.PluginFinding;
import org.strongroom.plugins.PluginPage;
import org.strongroom.plugins.RecordEvent;
import org.strongroom.plugins.StrongroomPlugin;

/**
 * Counts record and file changes since the server started and shows the counts to signed-in
 * users at /plugins/record-counter/; refuses record titles with leading or trailing spaces.
 */
public class RecordCounterPlugin implements StrongroomPlugin {

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  @Override
  public String name() {
    return "record-counter";
  }

  @Override
  public void onRecordEvent(RecordEvent event) {
    counts.computeIfAbsent(event.action(), action -> new LongAdder()).increment();
  }

  @Override
  public void onFileEvent(FileEvent event) {
    counts.computeIfAbsent(event.action(), action -> new LongAdder()).increment();
  }

  @Override
  public List<String> validateMetadata(Map<String, Object> metadata) {
    Object title = metadata.get("title");
    return title instanceof String text && !text.equals(text.strip())
        ? List.of("title must not start or end with spaces") : List.of();
  }

  @Override
  public List<PluginFinding> deployChecks() {
    return List.of();
  }

  @Override
  public List<PluginPage> pages() {
    return List.of(new PluginPage("", PluginPage.Access.USER, viewer -> {
      StringBuilder text = new StringBuilder("Changes since the server started:\n");
      counts.entrySet().stream().sorted(Map.Entry.comparingByKey())
          .forEach(entry -> text.append(entry.getKey()).append(": ").append(entry.getValue().sum()).append('\n'));
      return text.toString();
    }));
  }
}
