package dev.tocsin.internal.spool;

import dev.tocsin.spi.WireRequest;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One record of a spool segment: an event bound for a lane, or the acknowledgement that one was settled.
 *
 * <p>On disk: magic byte {@code 0xA7}, payload length (int), CRC32C of the payload (int), payload. A record whose
 * length runs past the end of the file, or whose checksum does not match, is torn or corrupt and skipped.
 */
public record SpoolRecord(byte kind, long seq, String laneKey, String what, long acceptedAtMillis, long deadlineMillis,
        WireRequest request) {
    static final byte MAGIC = (byte) 0xA7;
    static final byte EVENT = 1;
    static final byte ACK = 2;
    static final int HEADER = 9;
    static final int MAX_PAYLOAD = 8 << 20;

    static SpoolRecord ack(long seq) {
        return new SpoolRecord(ACK, seq, null, null, 0, 0, null);
    }

    /** The framed bytes of this record. */
    byte[] encode() throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(kind == ACK ? 16 : 256 + request.body().length);
        DataOutputStream out = new DataOutputStream(payload);
        out.writeByte(kind);
        out.writeLong(seq);
        if (kind == EVENT) {
            out.writeUTF(laneKey);
            out.writeUTF(what);
            out.writeLong(acceptedAtMillis);
            out.writeLong(deadlineMillis);
            out.writeUTF(request.uri().toString());
            out.writeShort(request.headers().size());
            for (Map.Entry<String, String> h : request.headers().entrySet()) {
                out.writeUTF(h.getKey());
                out.writeUTF(h.getValue());
            }
            out.writeInt(request.body().length);
            out.write(request.body());
        }
        out.flush();
        byte[] body = payload.toByteArray();
        CRC32C crc = new CRC32C();
        crc.update(body);
        ByteBuffer framed = ByteBuffer.allocate(HEADER + body.length);
        framed.put(MAGIC).putInt(body.length).putInt((int) crc.getValue()).put(body);
        return framed.array();
    }

    /** Decodes a payload whose checksum was verified. */
    static SpoolRecord decode(byte[] payload) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(payload));
        byte kind = in.readByte();
        long seq = in.readLong();
        if (kind == ACK) {
            return ack(seq);
        }
        if (kind != EVENT) {
            throw new IOException("unknown record kind " + kind);
        }
        String laneKey = in.readUTF();
        String what = in.readUTF();
        long acceptedAt = in.readLong();
        long deadline = in.readLong();
        URI uri = URI.create(in.readUTF());
        int headers = in.readUnsignedShort();
        Map<String, String> h = new LinkedHashMap<>();
        for (int i = 0; i < headers; i++) {
            h.put(in.readUTF(), in.readUTF());
        }
        byte[] body = new byte[in.readInt()];
        in.readFully(body);
        return new SpoolRecord(EVENT, seq, laneKey, what, acceptedAt, deadline, new WireRequest(uri, body, h));
    }

    static boolean checksumMatches(byte[] payload, int expected) {
        CRC32C crc = new CRC32C();
        crc.update(payload);
        return (int) crc.getValue() == expected;
    }
}
