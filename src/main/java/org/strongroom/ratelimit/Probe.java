package org.strongroom.ratelimit;

/**
 * What a bucket store answered for one request, before the limiter picks the band to report.
 *
 * @param allowed     whether the request may go ahead (and, for a take, was counted)
 * @param nanosToWait when refused: how long until one request fits in every band
 * @param available   whole requests left per band, in the order of {@link Limits#bands()},
 *                    right after this request
 */
record Probe(boolean allowed, long nanosToWait, long[] available) {}
