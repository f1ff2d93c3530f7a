package com.ccs.workflows.shared.observability.tracing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

/**
 * Sends finished segment documents to the X-Ray daemon over UDP, as the X-Ray SDK does: one datagram per document,
 * a header line and the JSON. Lambda runs the daemon and names it in {@code AWS_XRAY_DAEMON_ADDRESS}
 * ({@code host:port}, or {@code udp:host:port tcp:host:port}). A send never fails the invocation: tracing is best
 * effort, and a lost datagram costs one subsegment.
 */
final class XRayDaemon {
    private static final byte[] HEADER = "{\"format\":\"json\",\"version\":1}\n".getBytes(StandardCharsets.UTF_8);
    private static final int MAX_DATAGRAM = 64_000;

    private final InetSocketAddress address;
    private final DatagramSocket socket;

    private XRayDaemon(InetSocketAddress address, DatagramSocket socket) {
        this.address = address;
        this.socket = socket;
    }

    /**
     * The daemon named by {@code setting}, resolved once, or null when the setting is missing, unreadable or does
     * not resolve (tracing stays off).
     */
    static XRayDaemon at(String setting) {
        InetSocketAddress named = parse(setting);
        if (named == null) {
            return null;
        }
        InetSocketAddress address = new InetSocketAddress(named.getHostString(), named.getPort()); // resolved once
        if (address.isUnresolved()) {
            return null;
        }
        try {
            return new XRayDaemon(address, new DatagramSocket());
        } catch (SocketException e) {
            return null;
        }
    }

    static InetSocketAddress parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return null;
        }
        String udp = null;
        for (String part : setting.strip().split("\\s+")) {
            if (part.startsWith("udp:")) {
                udp = part.substring(4);
            } else if (!part.startsWith("tcp:") && udp == null) {
                udp = part;
            }
        }
        if (udp == null) {
            return null;
        }
        int colon = udp.lastIndexOf(':');
        if (colon <= 0) {
            return null;
        }
        try {
            int port = Integer.parseInt(udp.substring(colon + 1));
            return port > 0 && port < 65_536 ? InetSocketAddress.createUnresolved(udp.substring(0, colon), port) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Sends {@code document}; false when it is too large for one datagram or the send failed. */
    boolean send(String document) {
        byte[] body = document.getBytes(StandardCharsets.UTF_8);
        if (HEADER.length + body.length > MAX_DATAGRAM) {
            return false;
        }
        byte[] datagram = new byte[HEADER.length + body.length];
        System.arraycopy(HEADER, 0, datagram, 0, HEADER.length);
        System.arraycopy(body, 0, datagram, HEADER.length, body.length);
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, address));
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
