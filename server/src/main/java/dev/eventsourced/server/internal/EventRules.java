package dev.eventsourced.server.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.server.Event;
import dev.eventsourced.server.EventType;
import dev.eventsourced.server.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The protocol's rules for one event, in one place: the wire parser applies them to what it
 * decoded, {@link dev.eventsourced.server.SyncService#push} to events built in process.
 */
public final class EventRules {

    /** Events in one push, at most. */
    public static final int MAX_BATCH = 500;
    /** Longest collectionId, clientId or field name, in UTF-16 chars. */
    public static final int MAX_NAME_LENGTH = 256;

    private static final JsonFactory JSON = new JsonFactory();

    private EventRules() {
    }

    /** Every problem with {@code events}, or an empty list when they may be stored. */
    public static List<Problem> validate(List<Event> events) {
        List<Problem> problems = new ArrayList<>();
        if (events.isEmpty() || events.size() > MAX_BATCH) {
            problems.add(Problem.of("events", "must hold 1.." + MAX_BATCH + " events, got " + events.size()));
            return problems;
        }
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            if (event == null) {
                problems.add(Problem.atEvent(i, "event", "must not be null"));
                continue;
            }
            checkKeyJson(i, event.keyJson(), problems);
            checkPayloadJson(i, event.payloadJson(), problems);
            checkSemantics(i, event, problems);
        }
        return problems;
    }

    /** The rules on decoded values: names, timestamp, schema version, fields only on updates. */
    public static void checkSemantics(int index, Event event, List<Problem> problems) {
        checkName(index, "collectionId", event.collectionId(), problems);
        if (event.timestamp() <= 0) {
            problems.add(Problem.atEvent(index, "timestamp",
                    "must be a positive integer (epoch milliseconds), got " + event.timestamp()));
        }
        if (event.clientId() != null) {
            checkName(index, "clientId", event.clientId(), problems);
        }
        if (event.schemaVersion() != null && event.schemaVersion() <= 0) {
            problems.add(Problem.atEvent(index, "schemaVersion", "must be a positive integer, got " + event.schemaVersion()));
        }
        if (event.fields() != null) {
            if (event.type() != EventType.UPDATE) {
                problems.add(Problem.atEvent(index, "fields", "is only allowed on type update, this event has type "
                        + event.type().wireName() + "; drop fields or send an update"));
            }
            for (int f = 0; f < event.fields().size(); f++) {
                checkName(index, "fields[" + f + "]", event.fields().get(f), problems); // Event rejects null names
            }
        }
    }

    /**
     * A name that is stored and compared as text: non-empty, at most {@link #MAX_NAME_LENGTH}
     * chars, no U+0000 (PostgreSQL text cannot hold it), no unpaired surrogate (not Unicode text).
     */
    public static void checkName(int index, String field, String value, List<Problem> problems) {
        String problem = nameProblem(value);
        if (problem != null) {
            problems.add(Problem.atEvent(index, field, problem));
        }
    }

    /** What is wrong with a name, or {@code null}. */
    public static String nameProblem(String value) {
        if (value.isEmpty()) {
            return "must be a non-empty string, got \"\"";
        }
        if (value.length() > MAX_NAME_LENGTH) {
            return "must be at most " + MAX_NAME_LENGTH + " characters, got " + value.length();
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain U+0000, got " + Texts.quote(value);
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must be valid Unicode text, got an unpaired surrogate \\u"
                        + String.format("%04X", (int) c) + " at character " + i;
            }
        }
        return null;
    }

    private static void checkKeyJson(int index, String keyJson, List<Problem> problems) {
        String problem = singleValueProblem(keyJson, true);
        if (problem != null) {
            problems.add(Problem.atEvent(index, "key", problem));
        }
    }

    private static void checkPayloadJson(int index, String payloadJson, List<Problem> problems) {
        String problem = singleValueProblem(payloadJson, false);
        if (problem != null) {
            problems.add(Problem.atEvent(index, "payload", problem));
        }
    }

    private static String singleValueProblem(String json, boolean key) {
        String expected = key ? "must be the JSON text of a non-empty string or a number" : "must be the JSON text of an object";
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token = parser.nextToken();
            boolean ok;
            if (key) {
                ok = token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                        || (token == JsonToken.VALUE_STRING && !parser.getText().isEmpty());
            } else {
                ok = token == JsonToken.START_OBJECT;
                if (ok) {
                    parser.skipChildren();
                }
            }
            if (!ok) {
                return expected + ", got " + Texts.quote(json);
            }
            if (parser.nextToken() != null) {
                return expected + " and nothing else, got " + Texts.quote(json);
            }
            return null;
        } catch (JsonProcessingException e) {
            return expected + ", got malformed JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            throw new IllegalStateException("reading a String cannot fail", e);
        }
    }
}
