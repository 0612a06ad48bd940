package dev.winnow.jobs.run;

import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;

/**
 * The run folder lock's file: created only if absent, read with its modification time, rewritten
 * (the heartbeat), deleted. On the local disk through java.nio, whose exclusive create is one
 * atomic system call; Hadoop's local file system checks and then creates, so two runs starting
 * together would both get it. Elsewhere through Hadoop, whose create without overwrite is atomic
 * on HDFS; object stores without conditional writes only narrow the window (RunLock reads the
 * file back after creating it).
 */
abstract class LockFile {
    /** The file's bytes and its modification time. */
    record Contents(byte[] bytes, Instant modified) {
    }

    /** False when the file exists already. */
    abstract boolean createNew(byte[] bytes) throws IOException;

    abstract Optional<Contents> read() throws IOException;

    abstract void rewrite(byte[] bytes) throws IOException;

    abstract void delete() throws IOException;

    abstract String where();

    static LockFile of(FileSystem fs, Path file) {
        return fs instanceof LocalFileSystem local ? new Local(local.pathToFile(file).toPath()) : new Hadoop(fs, file);
    }

    static final class Local extends LockFile {
        private final java.nio.file.Path file;

        Local(java.nio.file.Path file) {
            this.file = file;
        }

        @Override
        boolean createNew(byte[] bytes) throws IOException {
            try {
                Files.write(file, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return true;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return false;
            }
        }

        @Override
        Optional<Contents> read() throws IOException {
            try {
                Instant modified = Files.getLastModifiedTime(file).toInstant();
                return Optional.of(new Contents(Files.readAllBytes(file), modified));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
        }

        @Override
        void rewrite(byte[] bytes) throws IOException {
            Files.write(file, bytes);
        }

        @Override
        void delete() throws IOException {
            Files.deleteIfExists(file);
        }

        @Override
        String where() {
            return file.toString();
        }
    }

    static final class Hadoop extends LockFile {
        private final FileSystem fs;
        private final Path file;

        Hadoop(FileSystem fs, Path file) {
            this.fs = fs;
            this.file = file;
        }

        @Override
        boolean createNew(byte[] bytes) throws IOException {
            try (FSDataOutputStream out = fs.create(file, false)) {
                out.write(bytes);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            } catch (IOException e) {
                if (fs.exists(file)) { // some file systems say "exists" with a plain IOException
                    return false;
                }
                throw e;
            }
        }

        @Override
        Optional<Contents> read() throws IOException {
            try {
                Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
                try (FSDataInputStream in = fs.open(file)) {
                    return Optional.of(new Contents(in.readAllBytes(), modified));
                } catch (org.apache.hadoop.fs.ChecksumException e) {
                    return Optional.of(new Contents(new byte[0], modified)); // written past Hadoop: unreadable
                }
            } catch (FileNotFoundException e) {
                return Optional.empty();
            }
        }

        @Override
        void rewrite(byte[] bytes) throws IOException {
            try (FSDataOutputStream out = fs.create(file, true)) {
                out.write(bytes);
            }
        }

        @Override
        void delete() throws IOException {
            fs.delete(file, false);
        }

        @Override
        String where() {
            return file.toString();
        }
    }
}
