/**
 * File uploads and downloads, the blob stores (local, S3), the files origin and the sweeper.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "core",
    "records :: attachments",
    "secrets :: sealing",
    "secrets :: key-ring"})
package org.strongroom.files;
