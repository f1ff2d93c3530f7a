package com.ccs.workflows.videorecording;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Plays the vehicle in integration tests: an MQTT 3.1.1 client over WebSocket that connects to the emulator's
 * IoT message broker, subscribes to a topic filter with QoS 1 and acknowledges what it receives, as the
 * vehicle's IoT thing does on AWS. Written on a plain socket (the emulator picks the IoT broker by the
 * {@code Host} header, which java.net.http does not let a caller set), with just the packets a subscriber needs.
 */
final class MqttWebSocketSubscriber implements AutoCloseable {
    /** A message delivered to the subscription. */
    record Message(String topic, int qos, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private static final int CONNECT = 0x10,
            CONNACK = 0x20,
            PUBLISH = 0x30,
            PUBACK = 0x40,
            SUBSCRIBE = 0x82,
            SUBACK = 0x90,
            PINGRESP = 0xd0,
            DISCONNECT = 0xe0;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private byte[] buffer = new byte[0];
    private int position;

    private MqttWebSocketSubscriber(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Connects to the broker behind {@code endpoint} (the emulator's gateway) and subscribes to {@code topicFilter}. */
    static MqttWebSocketSubscriber subscribe(URI endpoint, String region, String topicFilter, Duration readTimeout)
            throws IOException {
        Socket socket = new Socket(endpoint.getHost(), endpoint.getPort());
        socket.setSoTimeout((int) readTimeout.toMillis());
        MqttWebSocketSubscriber subscriber = new MqttWebSocketSubscriber(socket);
        try {
            subscriber.upgrade("test-ats.iot." + region + ".localhost:" + endpoint.getPort());
            subscriber.connect("vehicle-it-" + UUID.randomUUID());
            subscriber.subscribe(topicFilter);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return subscriber;
    }

    /** The next message on the subscription; fails with a SocketTimeoutException if none arrives within the read timeout. */
    Message next() throws IOException {
        while (true) {
            Packet packet = readPacket();
            if ((packet.type & 0xf0) == PUBLISH) {
                int qos = (packet.type >> 1) & 0x3;
                Reader body = new Reader(packet.body);
                String topic = body.string();
                if (qos > 0) {
                    int packetId = body.u16();
                    send(new byte[] {(byte) PUBACK, 2, (byte) (packetId >> 8), (byte) packetId});
                }
                return new Message(topic, qos, body.rest());
            }
            if (packet.type != PINGRESP) {
                throw new IOException("unexpected MQTT packet type 0x" + Integer.toHexString(packet.type));
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send(new byte[] {(byte) DISCONNECT, 0});
        } finally {
            socket.close();
        }
    }

    private void upgrade(String host) throws IOException {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        String request = "GET /mqtt HTTP/1.1\r\n"
                + "Host: " + host + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: mqtt\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed during the WebSocket handshake: " + head);
            }
            head.append((char) b);
        }
        if (!head.toString().startsWith("HTTP/1.1 101")) {
            throw new IOException("WebSocket upgrade refused: "
                    + head.toString().lines().findFirst().orElse(""));
        }
    }

    private void connect(String clientId) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0x02); // clean session
        body.write(0);
        body.write(60); // keep-alive seconds
        writeString(body, clientId);
        sendPacket(CONNECT, body.toByteArray());
        Packet connack = readPacket();
        if (connack.type != CONNACK || connack.body.length < 2 || connack.body[1] != 0) {
            throw new IOException("MQTT CONNECT refused: type 0x" + Integer.toHexString(connack.type));
        }
    }

    private void subscribe(String topicFilter) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        body.write(1); // packet id 1
        writeString(body, topicFilter);
        body.write(1); // requested QoS 1
        sendPacket(SUBSCRIBE, body.toByteArray());
        Packet suback = readPacket();
        if (suback.type != SUBACK || suback.body.length < 3 || (suback.body[2] & 0xff) == 0x80) {
            throw new IOException("MQTT SUBSCRIBE to " + topicFilter + " refused");
        }
    }

    private record Packet(int type, byte[] body) {}

    private Packet readPacket() throws IOException {
        int type = nextByte();
        int length = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = nextByte();
            length += (digit & 0x7f) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        byte[] body = new byte[length];
        for (int i = 0; i < length; i++) {
            body[i] = (byte) nextByte();
        }
        return new Packet(type, body);
    }

    /** The next byte of the MQTT stream, reading WebSocket frames as needed. */
    private int nextByte() throws IOException {
        while (position >= buffer.length) {
            buffer = readFrame();
            position = 0;
        }
        return buffer[position++] & 0xff;
    }

    private byte[] readFrame() throws IOException {
        pending.reset();
        while (true) {
            int first = in.readUnsignedByte();
            int second = in.readUnsignedByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] mask = null;
            if ((second & 0x80) != 0) {
                mask = new byte[4];
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            if (mask != null) {
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
            }
            int opcode = first & 0x0f;
            if (opcode == 0x8) {
                throw new EOFException("the broker closed the WebSocket");
            }
            if (opcode == 0x9) {
                writeFrame(0xa, payload);
                continue;
            }
            if (opcode == 0xa) {
                continue;
            }
            pending.write(payload);
            if ((first & 0x80) != 0) {
                return pending.toByteArray();
            }
        }
    }

    private void sendPacket(int type, byte[] body) throws IOException {
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(type);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            packet.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        packet.write(body);
        send(packet.toByteArray());
    }

    private void send(byte[] mqttBytes) throws IOException {
        writeFrame(0x2, mqttBytes);
    }

    /** One final, masked frame (clients must mask, RFC 6455 section 5.3). */
    private synchronized void writeFrame(int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    private static void writeString(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    /** Sequential reads over an MQTT packet body. */
    private static final class Reader {
        private final byte[] bytes;
        private int at;

        Reader(byte[] bytes) {
            this.bytes = bytes;
        }

        int u16() {
            int value = ((bytes[at] & 0xff) << 8) | (bytes[at + 1] & 0xff);
            at += 2;
            return value;
        }

        String string() {
            int length = u16();
            String value = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return value;
        }

        byte[] rest() {
            byte[] rest = new byte[bytes.length - at];
            System.arraycopy(bytes, at, rest, 0, rest.length);
            return rest;
        }
    }
}
