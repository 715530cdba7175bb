package io.vigie.app;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** For tests that start a real server as a child process (Dovecot, rsyslog) on a loopback port. */
public final class LoopbackServers {

    private LoopbackServers() {}

    /** A port free on loopback now (the child may race another process for it; tests accept that). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * Polls until the child accepts connections on the port, with a deadline.
     *
     * @throws IllegalStateException with the child's log when it exits or does not listen in time
     */
    public static void awaitListening(
            final Process process,
            final int port,
            final Duration timeout,
            final String name,
            final Supplier<String> log)
            throws InterruptedException {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + log.get());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                return;
            } catch (final IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException(
                name + " did not listen on 127.0.0.1:" + port + " within " + timeout.toSeconds() + " s:\n" + log.get());
    }

    /**
     * SIGTERM, then waits up to {@code grace} for the child to be gone (connections closed, files flushed); SIGKILL
     * after that, or when the wait is interrupted.
     */
    public static void stop(final Process process, final Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (final InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
