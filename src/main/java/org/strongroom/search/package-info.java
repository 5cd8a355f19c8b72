/**
 * The search query language: parser, clauses, fields and their limits ({@code strongroom.search.*});
 * no database access.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core"})
package org.strongroom.search;
