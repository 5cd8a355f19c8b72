/**
 * Several instances behaving as one: the shared Redis ({@code strongroom.redis.*}) that
 * sessions, login throttles and revocations go through when it is configured.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package org.strongroom.cluster;
