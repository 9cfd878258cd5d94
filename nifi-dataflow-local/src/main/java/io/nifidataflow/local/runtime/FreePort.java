package io.nifidataflow.local.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports chosen at runtime, so parallel runs and tests never collide on a fixed port. */
final class FreePort {

    private FreePort() {
    }

    /**
     * A port that was free on the loopback interface a moment ago. Another process may still take it
     * before NiFi binds it; the window is small and the start-up then fails with a clear bind error.
     */
    static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (final IOException e) {
            throw new UncheckedIOException("No free port on the loopback interface", e);
        }
    }
}
