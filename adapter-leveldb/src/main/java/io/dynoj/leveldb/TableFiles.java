package io.dynoj.leveldb;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets native leveldbjni open a directory the pure-Java LevelDB wrote. The Java one (like LevelDB
 * 1.14 and later) names table files {@code NNNNNN.ldb}; the LevelDB inside leveldbjni 1.8 only
 * knows {@code NNNNNN.sst} and refuses to open ("Corruption: N missing files"). The contents are
 * the same format, and the Java one reads both names, so renaming is all it takes.
 */
final class TableFiles {

    private static final Logger log = LoggerFactory.getLogger(TableFiles.class);

    private TableFiles() {
    }

    /** Renames every {@code NNNNNN.ldb} in {@code dir} to {@code NNNNNN.sst}; returns how many. */
    static int renameLdbToSst(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        int renamed = 0;
        try (DirectoryStream<Path> tables = Files.newDirectoryStream(dir, "*.ldb")) {
            for (Path ldb : tables) {
                String name = ldb.getFileName().toString();
                String number = name.substring(0, name.length() - ".ldb".length());
                if (!number.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                Path sst = dir.resolve(number + ".sst");
                if (!Files.exists(sst)) {
                    Files.move(ldb, sst);
                    renamed++;
                }
            }
        }
        if (renamed > 0) {
            log.info("LevelDB at {}: renamed {} table files from .ldb (pure-Java LevelDB) to .sst for leveldbjni",
                    dir, renamed);
        }
        return renamed;
    }
}
