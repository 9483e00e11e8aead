package test;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.eventsourced.annotations.EventSourcedGenerated;
import dev.eventsourced.db.spi.JsonValues;
import java.io.IOException;
import javax.annotation.processing.Generated;

@Generated(
        value = "dev.eventsourced.processor.CollectionProcessor",
        comments = "https://eventsourced.dev"
)
@EventSourcedGenerated
final class Todo_Codec {
    private Todo_Codec() {
    }

    static void write(JsonGenerator json, Todo value) throws IOException {
        if (value == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeFieldName("id");
        JsonValues.writeString(json, value.id());
        json.writeFieldName("userId");
        JsonValues.writeString(json, value.userId());
        json.writeFieldName("title");
        JsonValues.writeString(json, value.title());
        json.writeFieldName("status");
        JsonValues.writeEnum(json, value.status());
        json.writeFieldName("createdAt");
        json.writeNumber(value.createdAt());
        json.writeFieldName("updatedAt");
        json.writeNumber(value.updatedAt());
        json.writeEndObject();
    }

    static Todo read(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        JsonValues.expect(json, JsonToken.START_OBJECT);
        String id = null;
        String userId = null;
        String title = null;
        Todo.Status status = null;
        long createdAt = 0;
        long updatedAt = 0;
        while (json.nextToken() != JsonToken.END_OBJECT) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "id" -> id = JsonValues.readString(json);
                case "userId" -> userId = JsonValues.readString(json);
                case "title" -> title = JsonValues.readString(json);
                case "status" -> status = JsonValues.readEnum(json, Todo.Status.class);
                case "createdAt" -> createdAt = JsonValues.readLongPrimitive(json);
                case "updatedAt" -> updatedAt = JsonValues.readLongPrimitive(json);
                default -> json.skipChildren();
            }
        }
        return new Todo(id, userId, title, status, createdAt, updatedAt);
    }
}
