package org.strongroom.plugins;

import java.util.Map;

/**
 * A committed record change.
 *
 * @param action      {@code record.create}, {@code record.update} or {@code record.delete}
 * @param actorUserId who made it, or null when unknown
 * @param details     non-secret facts, e.g. {@code revision} and {@code access}
 */
public record RecordEvent(String action, String recordId, Long actorUserId, Map<String, String> details) {}
