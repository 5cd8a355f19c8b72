/**
 * Backup and restore: a consistent snapshot of the database, the files, the audit log file and
 * the instance's configuration, with a SHA-256 sum of every file; and a restore that checks all
 * of it before it changes anything (docs/operations/backup.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {
    "audit",
    "files",
    "instance :: layout",
    "instance :: setup",
    "secrets :: key-management"})
package org.strongroom.backup;
