package dev.winnow.jobs.ingest;

import dev.winnow.jobs.config.ConfigError;
import dev.winnow.jobs.config.DatasetSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds a dataset's files (paths, folders and globs on any Hadoop file system) and cuts them into
 * {@link IngestSplit}s. The listing is sorted, so the same files always give the same splits,
 * whatever the number of cores.
 */
public final class SourceFiles {
    private SourceFiles() {
    }

    /** A listed file with what identifies its content version. */
    public record Listed(DatasetSpec dataset, String file, String name, long length, long modified) {
    }

    public static List<Listed> list(DatasetSpec dataset, Configuration conf) {
        List<Listed> out = new ArrayList<>();
        for (String p : dataset.paths()) {
            Path path = new Path(p);
            try {
                FileSystem fs = path.getFileSystem(conf);
                FileStatus[] matches = fs.globStatus(path);
                if (matches == null || matches.length == 0) {
                    throw new ConfigError("dataset " + dataset.name() + ": path " + p + " matches no file");
                }
                for (FileStatus m : matches) {
                    if (m.isDirectory()) {
                        Path root = m.getPath();
                        RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
                        while (it.hasNext()) {
                            LocatedFileStatus f = it.next();
                            String rel = relative(root, f.getPath());
                            if (!hidden(rel)) {
                                out.add(new Listed(dataset, f.getPath().toString(), rel, f.getLen(), f.getModificationTime()));
                            }
                        }
                    } else if (!hidden(m.getPath().getName())) {
                        out.add(new Listed(dataset, m.getPath().toString(), m.getPath().getName(), m.getLen(),
                                m.getModificationTime()));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("dataset " + dataset.name() + ": cannot list " + p + ": " + e.getMessage(), e);
            }
        }
        out.sort(Comparator.comparing(Listed::file));
        List<Listed> unique = new ArrayList<>();
        for (Listed l : out) {
            if (unique.isEmpty() || !unique.get(unique.size() - 1).file().equals(l.file())) {
                unique.add(l);
            }
        }
        return unique;
    }

    /** Whole files, except large uncompressed line files, which are cut every {@code splitBytes}. */
    public static List<IngestSplit> splits(List<Listed> files, long splitBytes) {
        List<IngestSplit> out = new ArrayList<>();
        for (Listed f : files) {
            boolean splittable = f.dataset().lineOriented() && Compression.of(f.file()) == Compression.NONE;
            if (!splittable || f.length() <= splitBytes) {
                out.add(new IngestSplit(f.dataset().name(), f.file(), f.name(), 0, f.length(), f.length()));
                continue;
            }
            for (long start = 0; start < f.length(); start += splitBytes) {
                long len = Math.min(splitBytes, f.length() - start);
                out.add(new IngestSplit(f.dataset().name(), f.file(), f.name(), start, len, f.length()));
            }
        }
        return out;
    }

    private static String relative(Path root, Path file) {
        String r = root.toUri().getPath();
        String f = file.toUri().getPath();
        return f.startsWith(r + "/") ? f.substring(r.length() + 1) : file.getName();
    }

    /** Hadoop's convention: _SUCCESS, .crc files and the like are not data. */
    private static boolean hidden(String relativePath) {
        for (String part : relativePath.split("/")) {
            if (part.startsWith("_") || part.startsWith(".")) {
                return true;
            }
        }
        return relativePath.toLowerCase(Locale.ROOT).endsWith(".crc");
    }
}
