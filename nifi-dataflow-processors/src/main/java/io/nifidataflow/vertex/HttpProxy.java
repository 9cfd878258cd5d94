package io.nifidataflow.vertex;

import java.net.InetSocketAddress;
import java.net.Proxy;

/** An HTTP proxy that gRPC tunnels through with CONNECT, with optional Basic credentials. */
public record HttpProxy(String host, int port, String user, String password) {

    public Proxy toJavaProxy() {
        return new Proxy(Proxy.Type.HTTP, new InetSocketAddress(host, port));
    }

    @Override
    public String toString() {
        // Never the password: this appears in logs and verification results.
        return "HTTP proxy " + host + ":" + port + (user == null || user.isEmpty() ? "" : " as " + user);
    }
}
