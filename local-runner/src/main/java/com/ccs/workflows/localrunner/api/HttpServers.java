package com.ccs.workflows.localrunner.api;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the runner's HTTP servers (the JDK's) with TCP_NODELAY on their connections. The JDK's server writes a
 * response's headers and its body in two writes; with Nagle's algorithm the body waits for the client to
 * acknowledge the headers, which a client delaying its ACK holds back by up to 40 ms on a kept-alive connection.
 */
public final class HttpServers {
    /** The JDK server's own switch, read once, when the first server of the process starts. */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private HttpServers() {}

    /** As {@link HttpServer#create(InetSocketAddress, int)}; an explicit {@code -Dsun.net.httpserver.nodelay} wins. */
    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        return HttpServer.create(address, backlog);
    }
}
