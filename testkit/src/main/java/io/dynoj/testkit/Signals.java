package io.dynoj.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Sends a process the signals the JDK cannot (it sends only TERM and KILL), through kill(1): SIGSTOP to
 * freeze a server or node as a long pause would, SIGCONT to resume it.
 */
public final class Signals {

    private Signals() {
    }

    /**
     * Sends SIGSTOP and returns once every thread of the process is stopped: kill(2) returns as soon as the
     * signal is queued, and a thread already running on another CPU could still answer a request meanwhile
     * (MemcachedServerIT saw it). Where {@code /proc} cannot be read it returns after sending.
     *
     * @throws IllegalStateException if the signal cannot be sent, or the threads are not all stopped in 10 seconds
     */
    public static void stop(long pid) {
        send(pid, "STOP");
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!allStopped(tasks)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IllegalStateException("process " + pid + " not stopped 10 s after SIGSTOP");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200)); // paces the poll; a stop takes microseconds
        }
    }

    /** Whether every thread under {@code /proc/<pid>/task} is in state T (stopped); true if it cannot tell. */
    private static boolean allStopped(Path tasks) {
        try (Stream<Path> threads = Files.list(tasks)) {
            return threads.allMatch(Signals::isStopped);
        } catch (IOException | UncheckedIOException e) {
            return true; // no /proc (or the process is gone): nothing to wait for
        }
    }

    private static boolean isStopped(Path task) {
        try {
            String stat = Files.readAllLines(task.resolve("stat")).get(0);
            // "pid (comm) S ...": the state follows the last ')' (comm may contain spaces and parentheses)
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state == 'T' || state == 't';
        } catch (IOException | RuntimeException e) {
            return true; // the thread has exited
        }
    }

    /**
     * @param signal the signal's name without {@code SIG}, e.g. {@code STOP}
     * @throws IllegalStateException if kill fails or does not finish within 10 seconds
     */
    public static void send(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run kill -" + signal, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending " + signal + " to " + pid, e);
        }
    }
}
