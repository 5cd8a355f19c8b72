package org.strongroom.plugins;

import java.util.Map;

/**
 * A committed file change.
 *
 * @param action  {@code file.upload} or {@code file.delete}
 * @param details {@code file} (id), {@code key}, {@code size}, {@code sha256}
 */
public record FileEvent(String action, String recordId, Long actorUserId, Map<String, String> details) {}
