package dev.eventsourced.server.internal.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.server.Event;
import dev.eventsourced.server.EventType;
import dev.eventsourced.server.InvalidRequestException;
import dev.eventsourced.server.Problem;
import dev.eventsourced.server.internal.EventRules;
import dev.eventsourced.server.internal.Texts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Reads a push body (a JSON array of events) with Jackson's streaming parser, checking every rule
 * of the protocol and collecting every problem with its event index and member name. The key and
 * the payload are kept as the exact JSON text the client sent.
 */
public final class PushRequestParser {

    /** At most this many problems are listed in one response; the rest are counted. */
    static final int MAX_LISTED_PROBLEMS = 100;

    private static final JsonFactory JSON = new JsonFactory();
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** A valid push: the events, and each event id exactly as the client wrote it (for the confirmations). */
    public record ParsedPush(List<Event> events, List<String> eventIdsAsSent) {
    }

    private final String body;
    private final JsonParser parser;
    private final List<Problem> problems = new ArrayList<>();
    private int currentIndex = -1;

    private PushRequestParser(String body) throws IOException {
        this.body = body;
        this.parser = JSON.createParser(body);
    }

    /**
     * Parses and validates a push body.
     *
     * @throws InvalidRequestException (400) naming every problem found
     */
    public static ParsedPush parse(String body) {
        PushRequestParser reader;
        try {
            reader = new PushRequestParser(body);
        } catch (IOException e) {
            throw new IllegalStateException("a parser over a String cannot fail to open", e);
        }
        try {
            return reader.readBatch();
        } catch (JsonProcessingException e) {
            throw malformed(e, reader.currentIndex);
        } catch (IOException e) {
            throw new IllegalStateException("reading from a String cannot fail", e);
        } finally {
            try {
                reader.parser.close();
            } catch (IOException ignored) {
                // nothing to release for a String source
            }
        }
    }

    private ParsedPush readBatch() throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            throw InvalidRequestException.badRequest("invalid request",
                    List.of(Problem.of("body", "is empty; send a JSON array of 1.." + EventRules.MAX_BATCH + " events")));
        }
        if (token != JsonToken.START_ARRAY) {
            throw InvalidRequestException.badRequest("invalid request",
                    List.of(Problem.of("body", "must be a JSON array of 1.." + EventRules.MAX_BATCH + " events, got "
                            + describeAndSkip())));
        }
        List<Event> events = new ArrayList<>();
        List<String> idsAsSent = new ArrayList<>();
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            currentIndex = count;
            if (count >= EventRules.MAX_BATCH) {
                parser.skipChildren(); // still read the rest, to count it and to find malformed JSON
            } else {
                readEvent(count, events, idsAsSent);
            }
            count++;
        }
        currentIndex = -1;
        if (parser.nextToken() != null) {
            throw InvalidRequestException.badRequest("invalid request", List.of(Problem.of("body",
                    "has more content after the array at " + location(parser.currentTokenLocation())
                            + "; send exactly one JSON array")));
        }
        if (count == 0 || count > EventRules.MAX_BATCH) {
            throw InvalidRequestException.badRequest("invalid request", List.of(Problem.of("body",
                    "must hold 1.." + EventRules.MAX_BATCH + " events, got " + count
                            + (count == 0 ? "" : "; split the push into batches of at most " + EventRules.MAX_BATCH))));
        }
        if (!problems.isEmpty()) {
            throw InvalidRequestException.badRequest("invalid events", listed(problems));
        }
        return new ParsedPush(events, idsAsSent);
    }

    private void readEvent(int index, List<Event> events, List<String> idsAsSent) throws IOException {
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            problems.add(Problem.atEvent(index, "event", "must be a JSON object, got " + describeAndSkip()));
            return;
        }
        int problemsBefore = problems.size();
        Set<String> seen = new HashSet<>();
        String eventIdText = null;
        UUID eventId = null;
        String collectionId = null;
        EventType type = null;
        String keyJson = null;
        String payloadJson = null;
        Long timestamp = null;
        List<String> fields = null;
        String clientId = null;
        Integer schemaVersion = null;

        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            boolean known = isKnownMember(name);
            if (known && !seen.add(name)) {
                problems.add(Problem.atEvent(index, name, "is given twice; send each member once"));
                parser.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL && isOptionalMember(name)) {
                continue; // an optional member set to null counts as absent
            }
            switch (name) {
                case "eventId":
                    eventIdText = readEventId(index);
                    eventId = eventIdText == null ? null : UUID.fromString(eventIdText);
                    break;
                case "collectionId":
                    collectionId = readName(index, name);
                    break;
                case "type":
                    type = readType(index);
                    break;
                case "key":
                    keyJson = readKey(index);
                    break;
                case "payload":
                    payloadJson = readPayload(index);
                    break;
                case "timestamp":
                    timestamp = readPositiveLong(index, name, "must be a positive integer (epoch milliseconds)");
                    break;
                case "fields":
                    fields = readFields(index);
                    break;
                case "clientId":
                    clientId = readName(index, name);
                    break;
                case "schemaVersion":
                    Long version = readPositiveLong(index, name, "must be a positive integer");
                    if (version != null && version > Integer.MAX_VALUE) {
                        problems.add(Problem.atEvent(index, name, "must be at most " + Integer.MAX_VALUE + ", got " + version));
                    } else if (version != null) {
                        schemaVersion = version.intValue();
                    }
                    break;
                default:
                    parser.skipChildren(); // unknown members are tolerated and not stored
            }
        }
        requirePresent(index, "eventId", seen);
        requirePresent(index, "collectionId", seen);
        requirePresent(index, "type", seen);
        requirePresent(index, "key", seen);
        requirePresent(index, "payload", seen);
        requirePresent(index, "timestamp", seen);
        if (problems.size() > problemsBefore) {
            return;
        }
        Event event = new Event(eventId, collectionId, type, keyJson, payloadJson, timestamp, fields, clientId, schemaVersion);
        EventRules.checkSemantics(index, event, problems);
        events.add(event);
        idsAsSent.add(eventIdText);
    }

    private static boolean isKnownMember(String name) {
        switch (name) {
            case "eventId":
            case "collectionId":
            case "type":
            case "key":
            case "payload":
            case "timestamp":
                return true;
            default:
                return isOptionalMember(name);
        }
    }

    private static boolean isOptionalMember(String name) {
        return name.equals("fields") || name.equals("clientId") || name.equals("schemaVersion");
    }

    private void requirePresent(int index, String name, Set<String> seen) {
        if (!seen.contains(name)) {
            problems.add(Problem.atEvent(index, name, "is required"));
        }
    }

    private String readEventId(int index) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            String text = parser.getText();
            if (UUID_TEXT.matcher(text).matches()) {
                return text;
            }
            problems.add(Problem.atEvent(index, "eventId", "must be a UUID (8-4-4-4-12 hex digits), got "
                    + Texts.quote(text)));
            return null;
        }
        problems.add(Problem.atEvent(index, "eventId", "must be a UUID string, got " + describeAndSkip()));
        return null;
    }

    private String readName(int index, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            problems.add(Problem.atEvent(index, field, "must be a non-empty string, got " + describeAndSkip()));
            return null;
        }
        String text = parser.getText();
        String problem = EventRules.nameProblem(text);
        if (problem != null) {
            problems.add(Problem.atEvent(index, field, problem));
            return null;
        }
        return text;
    }

    private EventType readType(int index) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            Optional<EventType> type = EventType.fromWireName(parser.getText());
            if (type.isPresent()) {
                return type.get();
            }
            problems.add(Problem.atEvent(index, "type", "must be one of \"insert\", \"update\", \"delete\", got "
                    + Texts.quote(parser.getText())));
            return null;
        }
        problems.add(Problem.atEvent(index, "type", "must be one of \"insert\", \"update\", \"delete\", got " + describeAndSkip()));
        return null;
    }

    private String readKey(int index) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT
                || token == JsonToken.VALUE_STRING && !parser.getText().isEmpty()) {
            return rawValueText();
        }
        problems.add(Problem.atEvent(index, "key", "must be a non-empty string or a number, got " + describeAndSkip()));
        return null;
    }

    private String readPayload(int index) throws IOException {
        if (parser.currentToken() == JsonToken.START_OBJECT) {
            return rawValueText();
        }
        problems.add(Problem.atEvent(index, "payload", "must be a JSON object, got " + describeAndSkip()));
        return null;
    }

    /** The exact text of the current value (a scalar, or an object read to its end). */
    private String rawValueText() throws IOException {
        long start = parser.currentTokenLocation().getCharOffset();
        if (parser.currentToken().isStructStart()) {
            parser.skipChildren();
        } else {
            parser.getText(); // reads a string to its closing quote
        }
        long end = parser.currentLocation().getCharOffset();
        return body.substring((int) start, (int) end);
    }

    private Long readPositiveLong(int index, String field, String rule) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                problems.add(Problem.atEvent(index, field, rule + ", got " + parser.getText() + " which is too large"));
                return null;
            }
            long value = parser.getLongValue();
            if (value > 0) {
                return value;
            }
            problems.add(Problem.atEvent(index, field, rule + ", got " + value));
            return null;
        }
        problems.add(Problem.atEvent(index, field, rule + ", got " + describeAndSkip()));
        return null;
    }

    private List<String> readFields(int index) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            problems.add(Problem.atEvent(index, "fields", "must be an array of non-empty strings, got " + describeAndSkip()));
            return null;
        }
        List<String> fields = new ArrayList<>();
        boolean ok = true;
        int f = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String field = readName(index, "fields[" + f + "]");
            ok &= field != null;
            fields.add(field);
            f++;
        }
        return ok ? fields : null;
    }

    /** Describes the current value for a message, and moves past it if it is an object or array. */
    private String describeAndSkip() throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT:
                parser.skipChildren();
                return "an object";
            case START_ARRAY:
                parser.skipChildren();
                return "an array";
            case VALUE_STRING:
                return Texts.quote(parser.getText());
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
            case VALUE_TRUE:
            case VALUE_FALSE:
                return parser.getText();
            case VALUE_NULL:
                return "null";
            default:
                return token.toString();
        }
    }

    private static List<Problem> listed(List<Problem> problems) {
        if (problems.size() <= MAX_LISTED_PROBLEMS) {
            return problems;
        }
        List<Problem> shown = new ArrayList<>(problems.subList(0, MAX_LISTED_PROBLEMS));
        shown.add(Problem.of("events", (problems.size() - MAX_LISTED_PROBLEMS) + " more problems are not listed"));
        return shown;
    }

    private static InvalidRequestException malformed(JsonProcessingException e, int index) {
        String where = e.getLocation() == null ? "" : " at " + location(e.getLocation());
        String inEvent = index >= 0 ? " (in event " + index + ")" : "";
        return InvalidRequestException.badRequest("malformed JSON",
                List.of(new Problem(index >= 0 ? index : null, "body", e.getOriginalMessage() + where + inEvent)));
    }

    private static String location(JsonLocation location) {
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
