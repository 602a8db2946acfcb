package com.smeloanflow.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API's JSON may not turn into something else (beside application.yaml's {@code spring.jackson.*}):
 * <ul>
 *   <li>A date ({@code LocalDate}, e.g. {@code enterprise.establishedOn}) sent as a number is refused as a value of the
 *       wrong type, a 400 naming the field, where Jackson would read it as a count of days since 1970 ({@code 17000}
 *       became 2016-07-18 and was stored; {@code 20160418} became a date in the year 57165, refused as 成立日期不能晚于今天).
 *       Dates are ISO text ({@code "2016-04-18"}).</li>
 *   <li>A time ({@code Instant}, {@code OffsetDateTime}, {@code ZonedDateTime}, e.g. {@code signedAt}) is ISO-8601 text
 *       with its offset ({@code "2026-11-23T10:15:30+08:00"}); a number ({@code 1796630512}, {@code 1796630512.5}) or
 *       digits in a string ({@code "1796630512"}) is refused the same way, where Jackson read it as seconds since 1970
 *       (a channel sending milliseconds was told IN_FUTURE, one sending seconds had its report taken on a reading the
 *       contract does not state). Jackson's own time deserializers ignore the coercion settings below, so these are
 *       wrapped ({@link IsoTextOnly}).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class JsonInputConfig {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer datesAreNotNumbers() {
    return builder -> builder.postConfigurer(mapper -> {
      mapper.coercionConfigFor(LogicalType.DateTime)
          .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
          .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
      // registered after every other module, so these win over JavaTimeModule's
      mapper.registerModule(new SimpleModule("times-are-iso-text")
          .addDeserializer(Instant.class, new IsoTextOnly<>(Instant.class, InstantDeserializer.INSTANT))
          .addDeserializer(OffsetDateTime.class, new IsoTextOnly<>(OffsetDateTime.class, InstantDeserializer.OFFSET_DATE_TIME))
          .addDeserializer(ZonedDateTime.class, new IsoTextOnly<>(ZonedDateTime.class, InstantDeserializer.ZONED_DATE_TIME)));
    });
  }

  /**
   * Reads a time only from a JSON string that is not a number written as text, then as Jackson's own deserializer does
   * (ISO-8601; an {@code Instant} or {@code OffsetDateTime} without an offset is refused by it). Anything else is a
   * mismatch at the field, which the problem handler answers as 400 INVALID_TYPE naming it.
   */
  static final class IsoTextOnly<T> extends StdDeserializer<T> implements ContextualDeserializer {

    /** What Jackson's time deserializers read as seconds (and nanoseconds) since 1970 when it comes as text. */
    private static final Pattern NUMBER_AS_TEXT = Pattern.compile("\\s*[-+]?\\d*(\\.\\d*)?\\s*");

    private final JsonDeserializer<? extends T> iso;

    IsoTextOnly(Class<T> type, JsonDeserializer<? extends T> iso) {
      super(type);
      this.iso = iso;
    }

    @Override
    public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_STRING)) {
        @SuppressWarnings("unchecked")
        T refused = (T) context.handleUnexpectedToken(handledType(), parser);
        return refused;
      }
      String text = parser.getText();
      if (!text.isBlank() && NUMBER_AS_TEXT.matcher(text).matches()) {
        @SuppressWarnings("unchecked")
        T refused = (T) context.handleWeirdStringValue(handledType(), text,
            "an ISO-8601 date-time with offset is expected, not seconds since 1970");
        return refused;
      }
      return iso.deserialize(parser, context);
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property)
        throws JsonMappingException {
      JsonDeserializer<? extends T> contextual = iso instanceof ContextualDeserializer c
          ? (JsonDeserializer<? extends T>) c.createContextual(context, property) : iso;
      return new IsoTextOnly<>((Class<T>) handledType(), contextual);
    }
  }
}
