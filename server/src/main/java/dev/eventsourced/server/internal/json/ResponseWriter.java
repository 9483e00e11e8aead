package dev.eventsourced.server.internal.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.eventsourced.server.Confirmation;
import dev.eventsourced.server.Event;
import dev.eventsourced.server.EventPage;
import dev.eventsourced.server.Problem;
import dev.eventsourced.server.SequencedEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes the protocol's response bodies as UTF-8 JSON. Keys and payloads are written as the text that was stored. */
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

    /** {@code {"events":[...],"cursor":"n","hasMore":b}}. */
    public static byte[] page(EventPage page) {
        int estimate = 64;
        for (SequencedEvent stored : page.events()) {
            estimate += 200 + stored.event().payloadJson().length() + stored.event().keyJson().length();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(estimate);
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("events");
            for (SequencedEvent stored : page.events()) {
                writeEvent(json, stored);
            }
            json.writeEndArray();
            json.writeStringField("cursor", Long.toString(page.cursor()));
            json.writeBooleanField("hasMore", page.hasMore());
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void writeEvent(JsonGenerator json, SequencedEvent stored) throws IOException {
        Event event = stored.event();
        json.writeStartObject();
        json.writeNumberField("globalSeq", stored.globalSeq());
        json.writeStringField("eventId", event.eventId().toString());
        json.writeStringField("collectionId", event.collectionId());
        json.writeStringField("type", event.type().wireName());
        json.writeFieldName("key");
        json.writeRawValue(event.keyJson());
        json.writeFieldName("payload");
        json.writeRawValue(event.payloadJson());
        json.writeNumberField("timestamp", event.timestamp());
        json.writeStringField("cursor", Long.toString(stored.globalSeq()));
        if (event.fields() != null) {
            json.writeArrayFieldStart("fields");
            for (String field : event.fields()) {
                json.writeString(field);
            }
            json.writeEndArray();
        }
        if (event.clientId() != null) {
            json.writeStringField("clientId", event.clientId());
        }
        if (event.schemaVersion() != null) {
            json.writeNumberField("schemaVersion", event.schemaVersion());
        }
        json.writeEndObject();
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
