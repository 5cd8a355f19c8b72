/**
 * The records API and pages, the metadata schema, search over records and its database dialects.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "cluster",
    "instance :: layout",
    "plugins :: hooks",
    "search",
    "secrets :: key-ring"})
package org.strongroom.records;
