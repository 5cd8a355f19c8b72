package org.strongroom.files;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code files} table: which blob holds which key of which record. */
@Repository
class FileStore {

  private final JdbcClient jdbc;

  FileStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Optional<StoredFile> find(String recordId, String key) {
    return jdbc.sql("select * from files where record_id = :record and file_key = :key")
        .param("record", recordId).param("key", key).query(FileStore::map).optional();
  }

  /** The current version, locked until the transaction ends (concurrent uploads of one key queue here). */
  Optional<StoredFile> findForUpdate(String recordId, String key) {
    return jdbc.sql("select * from files where record_id = :record and file_key = :key for update")
        .param("record", recordId).param("key", key).query(FileStore::map).optional();
  }

  Optional<StoredFile> findById(String id) {
    return jdbc.sql("select * from files where id = :id").param("id", id).query(FileStore::map).optional();
  }

  List<StoredFile> list(String recordId) {
    return jdbc.sql("select * from files where record_id = :record order by file_key")
        .param("record", recordId).query(FileStore::map).list();
  }

  List<String> recordIds() {
    return jdbc.sql("select distinct record_id from files").query(String.class).list();
  }

  /**
   * Locks the user's row until the transaction ends: quota checks of one user's uploads queue
   * here, so each one counts what the others committed. Plain {@code select ... for update}
   * (H2 and PostgreSQL alike); the row is only locked, never changed.
   */
  void lockUploader(long userId) {
    jdbc.sql("select id from users where id = :user for update").param("user", userId)
        .query(Long.class).optional();
  }

  long bytesUploadedBy(long userId) {
    return jdbc.sql("select coalesce(sum(size), 0) from files where uploader_id = :user")
        .param("user", userId).query(Long.class).single();
  }

  boolean blobInUse(String blob) {
    return jdbc.sql("select count(*) from files where blob_name = :blob").param("blob", blob)
        .query(Long.class).single() > 0;
  }

  void insert(StoredFile file) {
    jdbc.sql("""
        insert into files (id, record_id, file_key, blob_name, size, sha256, md5, mime_type, uploader_id, created)
        values (:id, :record, :key, :blob, :size, :sha256, :md5, :type, :uploader, :created)""")
        .param("id", file.id()).param("record", file.recordId()).param("key", file.key())
        .param("blob", file.blob()).param("size", file.size()).param("sha256", file.sha256())
        .param("md5", file.md5()).param("type", file.mimeType()).param("uploader", file.uploaderId())
        .param("created", Timestamp.from(file.created()))
        .update();
  }

  /**
   * Turns the current version's row into the new version. An update rather than delete and
   * insert: on PostgreSQL, uploads queued on the row lock then see the new row, not a gap.
   */
  void replace(String currentId, StoredFile file) {
    jdbc.sql("""
        update files set id = :id, blob_name = :blob, size = :size, sha256 = :sha256, md5 = :md5,
          mime_type = :type, uploader_id = :uploader, created = :created
        where id = :current""")
        .param("id", file.id()).param("blob", file.blob()).param("size", file.size())
        .param("sha256", file.sha256()).param("md5", file.md5()).param("type", file.mimeType())
        .param("uploader", file.uploaderId()).param("created", Timestamp.from(file.created()))
        .param("current", currentId)
        .update();
  }

  boolean delete(String id) {
    return jdbc.sql("delete from files where id = :id").param("id", id).update() == 1;
  }

  private static StoredFile map(ResultSet rs, int row) throws SQLException {
    return new StoredFile(rs.getString("id"), rs.getString("record_id"), rs.getString("file_key"),
        rs.getString("blob_name"), rs.getLong("size"), rs.getString("sha256"), rs.getString("md5"),
        rs.getString("mime_type"), rs.getLong("uploader_id"), rs.getTimestamp("created").toInstant());
  }
}
