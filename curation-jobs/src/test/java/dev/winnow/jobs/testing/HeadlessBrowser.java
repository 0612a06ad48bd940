package dev.winnow.jobs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Debian's Chromium, headless (as root: no sandbox), for checking pages as a browser renders them. */
public final class HeadlessBrowser {
    private HeadlessBrowser() {
    }

    /** Whether {@code chromium} is on the PATH. */
    public static boolean available() {
        try {
            Process p = new ProcessBuilder("chromium", "--version").redirectErrorStream(true).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The DOM after the page has loaded and its load handlers ran; empty when no browser is there. */
    public static Optional<String> dumpDom(Path page) throws IOException, InterruptedException {
        if (!available()) {
            return Optional.empty();
        }
        Process p = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu",
                "--virtual-time-budget=5000", "--dump-dom", page.toUri().toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("chromium failed on " + page + " (exit " + p.exitValue() + ")");
        }
        return Optional.of(dom);
    }
}
