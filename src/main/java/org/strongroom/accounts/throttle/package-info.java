/**
 * Login throttling: lockouts per account and per client address after repeated failures, counted
 * in this process or in Redis. Internal.
 */
package org.strongroom.accounts.throttle;
