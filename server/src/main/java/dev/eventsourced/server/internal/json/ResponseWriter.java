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
        out.ascii("],\"cursor\":\"").ascii(Long.toString(page.cursor()))
                .ascii(page.hasMore() ? "\",\"hasMore\":true}" : "\",\"hasMore\":false}");
        return out.toByteArray();
    }

    private static void writeEvent(Bytes out, SequencedEvent stored) {
        Event event = stored.event();
        String seq = Long.toString(stored.globalSeq());
        out.ascii("{\"globalSeq\":").ascii(seq)
                .ascii(",\"eventId\":\"").ascii(event.eventId().toString())
                .ascii("\",\"collectionId\":").string(event.collectionId())
                .ascii(",\"type\":\"").ascii(event.type().wireName())
                .ascii("\",\"key\":").utf8(event.keyJson())
                .ascii(",\"payload\":").utf8(event.payloadJson())
                .ascii(",\"timestamp\":").ascii(Long.toString(event.timestamp()))
                .ascii(",\"cursor\":\"").ascii(seq).write('"');
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
            out.ascii(",\"schemaVersion\":").ascii(Integer.toString(event.schemaVersion()));
        }
        out.write('}');
    }

    /** A growable byte buffer with JSON helpers; remembers the last string it escaped (names repeat a lot). */
    private static final class Bytes {
        private byte[] buffer;
        private int size;
        private String lastString;
        private byte[] lastQuoted;

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
            if (!value.equals(lastString)) {
                lastString = value;
                lastQuoted = JsonStringEncoder.getInstance().quoteAsUTF8(value);
            }
            ensure(lastQuoted.length + 2);
            buffer[size++] = '"';
            System.arraycopy(lastQuoted, 0, buffer, size, lastQuoted.length);
            size += lastQuoted.length;
            buffer[size++] = '"';
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
