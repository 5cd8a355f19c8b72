/**
 * Several instances behaving as one: the shared Redis ({@code strongroom.redis.*}) that
 * sessions, login throttles and revocations go through when it is configured.
 */
package org.strongroom.cluster;
