package io.dynoj.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaTest {

    private final Schema schema = new Schema("kv");

    @Test
    void pagesAreKeysetRangeReads() {
        assertThat(schema.page(true, true, true)).isEqualTo("SELECT k, v FROM `kv` WHERE k >= ? AND k < ? ORDER BY k LIMIT ?");
        assertThat(schema.page(true, false, false)).isEqualTo("SELECT k, v FROM `kv` WHERE k > ? ORDER BY k LIMIT ?");
        assertThat(schema.page(false, true, true)).isEqualTo("SELECT k, v FROM `kv` WHERE k < ? ORDER BY k LIMIT ?");
        assertThat(schema.page(false, true, false)).isEqualTo("SELECT k, v FROM `kv` ORDER BY k LIMIT ?");
    }

    @Test
    void multiRowStatements() {
        assertThat(schema.upsert(2)).isEqualTo(
                "INSERT INTO `kv` (k, v) VALUES (?,?),(?,?) ON DUPLICATE KEY UPDATE v = VALUES(v), expires_at = NULL");
        assertThat(schema.deleteIn(3)).isEqualTo("DELETE FROM `kv` WHERE k IN (?,?,?)");
    }

    @Test
    void theTableHasABinaryPrimaryKey() {
        assertThat(schema.createTable()).contains("k VARBINARY(3072) NOT NULL", "v LONGBLOB NOT NULL",
                "expires_at BIGINT NULL", "PRIMARY KEY (k)", "ENGINE=InnoDB");
    }
}
