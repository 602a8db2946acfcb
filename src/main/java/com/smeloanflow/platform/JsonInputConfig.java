package com.smeloanflow.platform;

import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the API's JSON may not turn into something else (beside application.yaml's {@code spring.jackson.*}): a date
 * ({@code LocalDate}, e.g. {@code enterprise.establishedOn}) sent as a number is refused as a value of the wrong type,
 * a 400 naming the field, where Jackson would read it as a count of days since 1970 ({@code 17000} became 2016-07-18
 * and was stored; {@code 20160418} became a date in the year 57165, refused as 成立日期不能晚于今天). Dates are ISO text
 * ({@code "2016-04-18"}).
 */
@Configuration(proxyBeanMethods = false)
public class JsonInputConfig {

  @Bean
  Jackson2ObjectMapperBuilderCustomizer datesAreNotNumbers() {
    return builder -> builder.postConfigurer(mapper -> mapper.coercionConfigFor(LogicalType.DateTime)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }
}
