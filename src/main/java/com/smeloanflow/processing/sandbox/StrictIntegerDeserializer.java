package com.smeloanflow.processing.sandbox;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads a whole number and nothing else: {@code 1.5} or {@code "3"} is a bad field (400 naming it),
 * not silently 1 or 3 as Jackson's lenient default would make it.
 */
public class StrictIntegerDeserializer extends StdDeserializer<Integer> {

  public StrictIntegerDeserializer() {
    super(Integer.class);
  }

  @Override
  public Integer deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == JsonParser.NumberType.INT) {
      return parser.getIntValue();
    }
    return (Integer) context.handleUnexpectedToken(Integer.class, parser);
  }
}
