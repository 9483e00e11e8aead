package dev.eventsourced.server.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.eventsourced.server.Confirmation;
import dev.eventsourced.server.Event;
import dev.eventsourced.server.EventPage;
import dev.eventsourced.server.Problem;
import dev.eventsourced.server.SequencedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

/** Writes the protocol's response bodies as UTF-8 JSON. Keys and payloads are written as the JSON text that was stored. */
public final class ResponseWriter {

    private static final JsonFactory JSON = new JsonFactory();

    private ResponseWriter() {
    }

    /** {@code {"confirmed":[{"eventId":...,"globalSeq":n},...]}}, with each id as the client wrote it. */
    public static byte[] confirmations(List<String> eventIdsAsSent, List<Confirmation> confirmations) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + confirmations.size() * 72);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("confirmed");
            for (int i = 0; i < confirmations.size(); i++) {
                json.writeStartObject();
                json.writeStringField("eventId", eventIdsAsSent.get(i));
                json.writeNumberField("globalSeq", confirmations.get(i).globalSeq());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * {@code {"events":[...],"cursor":"n","hasMore":b}}, written straight into bytes: this is the
     * hot path of a pull (1000 events a page), so it skips the generator's per-character work.
     * Names are escaped as JSON strings; keys and payloads are copied as the JSON text stored.
     */
    public static byte[] page(EventPage page) {
        int estimate = 64;
        for (SequencedEvent stored : page.events()) {
            estimate += 240 + stored.event().payloadJson().length() + stored.event().keyJson().length();
        }
        Bytes out = new Bytes(estimate);
        out.ascii("{\"events\":[");
        for (int i = 0; i < page.events().size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            writeEvent(out, page.events().get(i));
        }
        out.ascii("],\"cursor\":\"").number(page.cursor())
                .ascii(page.hasMore() ? "\",\"hasMore\":true}" : "\",\"hasMore\":false}");
        return out.toByteArray();
    }

    private static void writeEvent(Bytes out, SequencedEvent stored) {
        Event event = stored.event();
        long seq = stored.globalSeq();
        out.ascii("{\"globalSeq\":").number(seq)
                .ascii(",\"eventId\":\"").ascii(event.eventId().toString())
                .ascii("\",\"collectionId\":").string(event.collectionId())
                .ascii(",\"type\":\"").ascii(event.type().wireName())
                .ascii("\",\"key\":").utf8(event.keyJson())
                .ascii(",\"payload\":").utf8(event.payloadJson())
                .ascii(",\"timestamp\":").number(event.timestamp())
                .ascii(",\"cursor\":\"").number(seq).write('"');
        if (event.fields() != null) {
            out.ascii(",\"fields\":[");
            for (int f = 0; f < event.fields().size(); f++) {
                if (f > 0) {
                    out.write(',');
                }
                out.string(event.fields().get(f));
            }
            out.write(']');
        }
        if (event.clientId() != null) {
            out.ascii(",\"clientId\":").string(event.clientId());
        }
        if (event.schemaVersion() != null) {
            out.ascii(",\"schemaVersion\":").number(event.schemaVersion());
        }
        out.write('}');
    }

    /** A growable byte buffer with JSON helpers; remembers the names it escaped, since a page repeats them. */
    private static final class Bytes {
        private static final int MAX_REMEMBERED = 256;

        private byte[] buffer;
        private int size;
        private final Map<String, byte[]> quoted = new HashMap<>();

        Bytes(int capacity) {
            buffer = new byte[Math.max(capacity, 64)];
        }

        Bytes write(int b) {
            ensure(1);
            buffer[size++] = (byte) b;
            return this;
        }

        /** Text known to be ASCII (digits, UUIDs, constants). */
        Bytes ascii(String text) {
            int length = text.length();
            ensure(length);
            for (int i = 0; i < length; i++) {
                buffer[size++] = (byte) text.charAt(i);
            }
            return this;
        }

        /** JSON text stored as sent, copied as UTF-8. */
        Bytes utf8(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            ensure(bytes.length);
            System.arraycopy(bytes, 0, buffer, size, bytes.length);
            size += bytes.length;
            return this;
        }

        /** A JSON string literal, escaped. */
        Bytes string(String value) {
            byte[] escaped = quoted.get(value);
            if (escaped == null) {
                escaped = JsonStringEncoder.getInstance().quoteAsUTF8(value);
                if (quoted.size() < MAX_REMEMBERED) {
                    quoted.put(value, escaped);
                }
            }
            ensure(escaped.length + 2);
            buffer[size++] = '"';
            System.arraycopy(escaped, 0, buffer, size, escaped.length);
            size += escaped.length;
            buffer[size++] = '"';
            return this;
        }

        /** A non-negative or negative whole number, in decimal. */
        Bytes number(long value) {
            if (value < 0) {
                return ascii(Long.toString(value));
            }
            ensure(20);
            int digits = 1;
            for (long rest = value / 10; rest > 0; rest /= 10) {
                digits++;
            }
            for (int i = size + digits - 1; i >= size; i--) {
                buffer[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            size += digits;
            return this;
        }

        private void ensure(int more) {
            if (size + more > buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(buffer, size);
        }
    }

    /** {@code {"error":...,"details":[{"index":i,"field":f,"message":m},...]}}; index is left out when not about one event. */
    public static byte[] error(String error, List<Problem> details) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("error", error);
            json.writeArrayFieldStart("details");
            for (Problem problem : details) {
                json.writeStartObject();
                if (problem.index() != null) {
                    json.writeNumberField("index", problem.index());
                }
                json.writeStringField("field", problem.field());
                json.writeStringField("message", problem.message());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"status":status,"lastSeq":n}}. */
    public static byte[] health(String status, long lastSeq) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("status", status);
            json.writeNumberField("lastSeq", lastSeq);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
