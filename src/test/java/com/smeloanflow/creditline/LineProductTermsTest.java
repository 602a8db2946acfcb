package com.smeloanflow.creditline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.smeloanflow.intake.Product;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The terms a bank sets per line product, bound from the configuration as the application binds them at startup. */
class LineProductTermsTest {

  private static LineProductTerms bound(Map<String, String> settings) {
    return new Binder(new MapConfigurationPropertySource(settings)).bindOrCreate("smeloan.credit-line", LineProductTerms.class);
  }

  @Test
  void aLineProductsMinimumDrawdownIsItsSetting() {
    LineProductTerms terms = bound(Map.of("smeloan.credit-line.products.REVOLVING_LINE.minimum-drawdown", "5000"));

    assertThat(terms.minimumDrawdown(Product.REVOLVING_LINE)).isEqualTo("5000.00");
  }

  @Test
  void whereNothingIsSetTheMinimumDrawdownIsOneThousandYuan() {
    assertThat(bound(Map.of()).minimumDrawdown(Product.REVOLVING_LINE)).isEqualTo("1000.00");
    assertThat(bound(Map.of("smeloan.credit-line.reconciliation.batch-size", "100")).minimumDrawdown(Product.REVOLVING_LINE))
        .isEqualTo("1000.00");
  }

  @Test
  void aMinimumThatIsNotAnAmountOfYuanAndFenOrAboveTheSmallestLimitStopsTheStartNamingTheSetting() {
    for (String bad : new String[] {"0", "-100", "1000.005", "100000.01"}) {
      assertThatThrownBy(() -> bound(Map.of("smeloan.credit-line.products.REVOLVING_LINE.minimum-drawdown", bad)))
          .as(bad).isInstanceOf(BindException.class).rootCause()
          .hasMessageContaining("smeloan.credit-line.products.REVOLVING_LINE.minimum-drawdown");
    }
    assertThat(bound(Map.of("smeloan.credit-line.products.REVOLVING_LINE.minimum-drawdown", "100000.00"))
        .minimumDrawdown(Product.REVOLVING_LINE)).as("the smallest limit itself").isEqualTo("100000.00");
  }

  @Test
  void aProductThatOpensNoLineHasNoLineTerms() {
    assertThatThrownBy(() -> bound(Map.of("smeloan.credit-line.products.CREDIT_QUICK.minimum-drawdown", "5000")))
        .isInstanceOf(BindException.class).rootCause().hasMessageContaining("not a line product");
  }
}
