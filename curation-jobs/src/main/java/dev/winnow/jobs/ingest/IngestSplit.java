package dev.winnow.jobs.ingest;

import java.io.Serializable;

/**
 * One unit of ingest work: a byte range of one file of one dataset. Whole files have
 * {@code start = 0, length = fileLength}.
 *
 * @param file    the file's full Hadoop path
 * @param name    the file's path relative to its dataset root, used in ids and locations
 */
public record IngestSplit(String dataset, String file, String name, long start, long length, long fileLength)
        implements Serializable {

    public boolean wholeFile() {
        return start == 0 && length == fileLength;
    }

    public long end() {
        return start + length;
    }
}
