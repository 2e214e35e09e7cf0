package dev.tocsin.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * System commands that tests of full or read-only disks need where permissions do not bind (as root, which is how
 * CI runs): a small tmpfs that fills up, a directory made immutable.
 */
public final class Commands {
    private Commands() {
    }

    /** Runs a command, waiting at most 30 s; its exit value, or -1 if it could not run or did not end in time. */
    public static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().transferTo(OutputStream.nullOutputStream());
            if (p.waitFor(30, TimeUnit.SECONDS)) {
                return p.exitValue();
            }
            p.destroyForcibly();
            return -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Mounts a tmpfs of {@code size} (such as {@code 1m}) on {@code dir}; whether it could (root only). */
    public static boolean mountTmpfs(Path dir, String size) {
        return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0;
    }

    /**
     * Makes a directory immutable ({@code chattr +i}), or mutable again: no file can then be made in it, by root
     * either, while files already open stay writable. Whether it could (root, on a file system with the attribute).
     */
    public static boolean immutable(Path dir, boolean on) {
        return run("chattr", on ? "+i" : "-i", dir.toString()) == 0;
    }

    /** Unmounts {@code dir}. */
    public static void unmount(Path dir) {
        run("umount", dir.toString());
    }
}
